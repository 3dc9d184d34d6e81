using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Audit;

/// <summary>
/// Removes audit lines older than the retention period (<c>Interview:Audit:RetentionDays</c>, never less than 180
/// days), once a day. This is the only path that removes audit lines; nothing edits them.
/// </summary>
public sealed class AuditRetention(
    IDbContextFactory<InterviewDbContext> contexts,
    IOptions<InterviewOptions> options,
    TimeProvider clock,
    ILogger<AuditRetention> logger) : BackgroundService
{
    public const int MinimumDays = 180;

    public int RetentionDays => Math.Max(MinimumDays, options.Value.Audit.RetentionDays);

    /// <summary>Removes what is past retention; returns how many lines went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().AddDays(-RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            try
            {
                var removed = await PurgeAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Audit retention removed {Count} lines older than {Days} days.", removed, RetentionDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit retention failed; it tries again tomorrow.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
