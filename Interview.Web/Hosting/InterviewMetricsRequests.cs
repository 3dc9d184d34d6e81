using System.Diagnostics;

namespace Interview.Web.Hosting;

/// <summary>
/// One log line and one duration per request: method, route pattern, status, milliseconds and the request id that
/// error lines carry too. Never the path or query a client sent (receipt codes and big-screen tokens travel in them),
/// the client's address or the account: the log holds no personal data. Probes (/healthz, /metrics) log at Debug, so
/// a probe every few seconds does not bury the rest.
/// </summary>
public sealed class InterviewMetricsRequests(RequestDelegate next, InterviewMetrics metrics, ILogger<InterviewMetricsRequests> logger)
{
    private static readonly HashSet<string> Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            Record(http, started);
        }
    }

    /// <summary>The request's duration and log line, from <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Record(HttpContext http, long started)
    {
        ArgumentNullException.ThrowIfNull(http);
        var took = Stopwatch.GetElapsedTime(started);
        // Methods and routes are few and known; anything a client invents is one label, so no one can grow the series.
        var method = Methods.Contains(http.Request.Method) ? http.Request.Method : "OTHER";
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(none)";
        var status = http.Response.StatusCode;
        metrics.RequestServed(method, route, status, took);
        var probe = http.Request.Path.StartsWithSegments(HealthEndpoint.Path) || http.Request.Path.StartsWithSegments(InterviewMetricsEndpoint.Path);
        logger.Log(probe ? LogLevel.Debug : LogLevel.Information,
            "HTTP {Method} {Route} {StatusCode} in {ElapsedMs:0.0} ms (request {RequestId})",
            method, route, status, took.TotalMilliseconds, http.TraceIdentifier);
    }
}
