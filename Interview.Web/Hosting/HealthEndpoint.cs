using Interview.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interview.Web.Hosting;

/// <summary>
/// <c>GET /healthz</c> (CONTRACT.md): 200 <c>healthy</c> when this instance can serve, 503 <c>unhealthy: name, …</c>
/// naming the failing checks otherwise, for nginx, a monitor or a Kubernetes probe. One ASP.NET Core health check per
/// dependency: the database here; a feature that adds a dependency adds its own check from its own <c>Add*</c> method
/// (<c>services.AddHealthChecks().AddCheck&lt;T&gt;("redis", timeout: HealthEndpoint.CheckTimeout)</c>). The body never
/// carries an exception's text (connection strings, host names): the log has it. No account, never cached.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    /// <summary>A probe that waits longer than this is answered 503 rather than left hanging.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddInterviewHealth(this IServiceCollection services)
    {
        // One instance for the site's life, so the list of known migrations is read once.
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: CheckTimeout);
        return services;
    }

    public static IEndpointConventionBuilder MapInterviewHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            // Degraded means it still serves.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        }).AllowAnonymous().ExcludeFromDescription();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        return http.Response.WriteAsync(failing.Count == 0 ? "healthy\n" : $"unhealthy: {string.Join(", ", failing)}\n");
    }
}

/// <summary>
/// The database answers and carries every migration this build knows: an instance started against a database another
/// one is still migrating, or one that was swapped or restored underneath it, is not ready. One small read of the
/// migrations history per probe; the list of known migrations is read from the assembly once.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<InterviewDbContext> contexts, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    private IReadOnlyCollection<string>? _known;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            _known ??= db.Database.GetMigrations().ToList();
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var pending = _known.Count(m => !applied.Contains(m));
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health: the database cannot be read.");
            return HealthCheckResult.Unhealthy("the database cannot be read");
        }
    }
}
