using System.Globalization;
using Interview.Web.Hosting;

namespace Interview.Web.Live;

/// <summary>
/// <c>GET /api/v1/interviews/{id}/events</c> (CONTRACT.md "Public event stream"): server-sent events for viewers who only
/// listen. A connection joins the session's audience first, then reads from the database everything after its cursor
/// (<c>Last-Event-ID</c>, <c>?after=</c>, or <c>?afterSeq=</c> on a first connection), then follows the audience,
/// dropping what the catch-up already sent. The cursor is the session's change number, stamped on an entry when it is
/// published and again when it is corrected, so a resume after any break (a server restart included) sends exactly the
/// entries published or corrected meanwhile, in order, each once.
/// </summary>
public static class EventStream
{
    public const string Template = "/api/v1/interviews/{id:int}/events";

    /// <summary>Whether a request is for a stream (the origin rule of the live hub applies to it too).</summary>
    public static bool Matches(PathString path) =>
        path.StartsWithSegments("/api/v1/interviews", out var rest)
        && rest.Value is { } tail && tail.EndsWith("/events", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddEventStream(this IServiceCollection services)
    {
        services.AddSingleton<StreamFrames>();
        services.AddSingleton<StreamAudiences>();
        services.AddSingleton<StreamServer>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamAudiences>());
        return services;
    }

    /// <summary>
    /// Serves the stream on a branch of its own, early in the pipeline (right after forwarded headers, before the request
    /// metrics' middleware): a connection lives for hours, and everything it passes through stays alive with it, one
    /// awaiting method per middleware. The branch keeps what the stream needs (security headers set at once, the origin
    /// rule, problem+json for its refusals, the per-client limit, the request's metrics and log line, all from
    /// singletons: <see cref="StreamServer"/>) and skips the rest: localization, compression, routing, page posts,
    /// authentication, authorization, antiforgery, edge caching, and the request's DI scope, which none of it resolves.
    /// The endpoint mapped by <see cref="MapEventStream"/> stays for OpenAPI and for any method the branch does not take.
    /// </summary>
    public static IApplicationBuilder UseEventStream(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.ApplicationServices.GetRequiredService<StreamServer>();
        return app.MapWhen(http => HttpMethods.IsGet(http.Request.Method) && SessionOf(http.Request.Path) is not null,
            branch => branch.Run(http => server.ServeAsync(http, SessionOf(http.Request.Path)!.Value)));
    }

    /// <summary>The session of <c>/api/v1/interviews/{id}/events</c> (as the route's <c>{id:int}</c> reads it), else null.</summary>
    public static int? SessionOf(PathString path) =>
        path.StartsWithSegments("/api/v1/interviews", StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value is ['/', .. var tail]
        && tail.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
        && tail[(slash + 1)..].Equals("events", StringComparison.OrdinalIgnoreCase)
        && int.TryParse(tail.AsSpan(0, slash), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static IEndpointConventionBuilder MapEventStream(this IEndpointRouteBuilder app) =>
        app.MapGet(Template, (HttpContext http, int id, StreamServer server) => server.ServeAsync(http, id)).AllowAnonymous()
            .WithTags("Public API")
            .WithSummary("Server-sent events of a public session: entry (published or corrected), status, question, floor; resumable by Last-Event-ID.");
}
