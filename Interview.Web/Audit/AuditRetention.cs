using Interview.Domain.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Audit;

/// <summary>
/// Removes audit lines older than the retention period (<c>Interview:Audit:RetentionDays</c>, never less than 180
/// days), once a day. This is the only path that removes audit lines; nothing edits them. The removal is itself
/// an audit line.
/// </summary>
public sealed class AuditRetention(
    IDbContextFactory<InterviewDbContext> contexts,
    IOptions<InterviewOptions> options,
    TimeProvider clock,
    ILogger<AuditRetention> logger) : BackgroundService
{
    public const int MinimumDays = 180;

    public int RetentionDays => Math.Max(MinimumDays, options.Value.Audit.RetentionDays);

    /// <summary>
    /// Removes what is past retention; returns how many lines went. Lines go from the start of the log up to the first
    /// one that is still within retention (a line written a moment out of order stays until the next run), so the kept
    /// lines are one unbroken stretch of the hash chain. The purge line written in the same transaction records the hash
    /// the first kept line chains from, which is what <c>verify-audit</c> starts from.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // PostgreSQL: no line is appended between reading the anchor and writing the purge line (SQLite: one writer).
        await Data.DatabaseLocks.AuditAppendAsync(db, cancellationToken);
        var firstKept = await db.AuditLog.Where(a => a.At >= cutoff).MinAsync(a => (long?)a.Id, cancellationToken)
            ?? (await db.AuditLog.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        if (await AuditChainWriter.HashBeforeAsync(db, firstKept, cancellationToken) is not { } anchor)
        {
            return 0;
        }
        var removed = await db.AuditLog.Where(a => a.Id < firstKept).ExecuteDeleteAsync(cancellationToken);
        db.AuditLog.Add(AuditEntry.Record(now, StaffActor.System.Email, AuditChain.PurgeAction, "audit", AuditTrail.Ok,
            details: AuditChain.PurgeDetails(removed, firstKept, anchor)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
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
