using System.Buffers;
using System.Globalization;
using Interview.Domain.Interviews;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;

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
        services.AddHostedService(sp => sp.GetRequiredService<StreamAudiences>());
        return services;
    }

    /// <summary>
    /// Serves the stream on a branch of its own, early in the pipeline (right after forwarded headers and the request
    /// metrics): a connection lives for hours, and everything it passes through stays alive with it. The branch keeps
    /// what the stream needs (security headers, the origin rule, problem+json for its refusals, the per-client limit and
    /// the services, all singletons) and skips the rest: localization, compression, routing, page posts, authentication,
    /// authorization, antiforgery, edge caching, and the request's DI scope, which none of it resolves. The endpoint
    /// mapped by <see cref="MapEventStream"/> stays for OpenAPI and for any method the branch does not take.
    /// </summary>
    public static IApplicationBuilder UseEventStream(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var catalog = services.GetRequiredService<PublicCatalog>();
        var audiences = services.GetRequiredService<StreamAudiences>();
        var frames = services.GetRequiredService<StreamFrames>();
        var limits = services.GetRequiredService<HubConnectionCounter>();
        var metrics = services.GetRequiredService<InterviewMetrics>();
        var contexts = services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        // The request metrics and log line name the route, as they would for the mapped endpoint.
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(Template), 0,
            EndpointMetadataCollection.Empty, "Public event stream");
        return app.MapWhen(http => HttpMethods.IsGet(http.Request.Method) && SessionOf(http.Request.Path) is not null, stream =>
        {
            // Its refusals (a foreign origin, a full share) count under the route too.
            stream.Use((http, next) =>
            {
                http.SetEndpoint(endpoint);
                return next(http);
            });
            stream.UseMiddleware<SecurityHeaders>();
            stream.UseMiddleware<OriginGuard>();
            stream.UseExceptionHandler();
            stream.UseStatusCodePages();
            stream.Run(http => StreamAsync(http, SessionOf(http.Request.Path)!.Value, catalog, contexts, audiences, frames, limits, metrics));
        });
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
        app.MapGet(Template, StreamAsync).AllowAnonymous()
            .WithTags("Public API")
            .WithSummary("Server-sent events of a public session: entry (published or corrected), status, question, floor; resumable by Last-Event-ID.");

    private static async Task StreamAsync(
        HttpContext http, int id, PublicCatalog catalog, IDbContextFactory<InterviewDbContext> contexts, StreamAudiences audiences,
        StreamFrames frames, HubConnectionCounter limits, InterviewMetrics metrics)
    {
        var resumed = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : null;
        var after = resumed ?? http.Request.Query["after"].ToString();
        int? cursor = null;
        var afterSeq = 0;
        if (after.Length > 0)
        {
            if (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var given))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            cursor = given;
        }
        else
        {
            afterSeq = int.TryParse(http.Request.Query["afterSeq"], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        }

        // A rehearsal's private page (彩排) follows its stream with its link's token; without it a rehearsal is a 404, as
        // everywhere public. The token is checked before the viewer joins anything.
        var pass = http.Request.Query[LiveHub.RehearsalParameter].ToString() is { Length: > 0 } token ? new Pass(token) : null;
        if (pass is not null && !await catalog.IsVisibleAsync(id, pass, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var client = limits.ClientOf(http);
        if (!limits.TryEnter(client))
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "30";
            return;
        }
        var viewer = new StreamViewer(cursor ?? 0);
        // Subscribe first, then read: an entry published in between is both read and heard, and the viewer drops the
        // second by its cursor; none falls between.
        var (known, offers) = audiences.Join(id, viewer);
        metrics.StreamViewerConnected();
        try
        {
            var state = known ?? await StreamState.ReadAsync(catalog, contexts, id, pass, http.RequestAborted);
            if (state is null || (state.Private && pass is null))
            {
                // Drafts: the catalogue's rule of what is public decides, as for every public output.
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (known is null)
            {
                audiences.Know(id, state, offers);
            }
            // A first connection that has every seq (the page it came from is current) has every change.
            var from = cursor ?? (afterSeq >= state.LastSeq ? state.LastChange
                : await catalog.CursorBeforeSeqAsync(id, afterSeq, http.RequestAborted, pass));
            if (from is not { } start)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            viewer.MoveTo(start);
            await ServeAsync(http, id, start, resumed is not null, state, viewer, catalog, frames, pass);
        }
        finally
        {
            audiences.Leave(id, viewer);
            limits.Leave(client);
            metrics.StreamViewerDisconnected();
        }
    }

    private static async Task ServeAsync(
        HttpContext http, int id, int cursor, bool resumed, StreamState state, StreamViewer viewer, PublicCatalog catalog,
        StreamFrames frames, Pass? pass)
    {
        var aborted = http.RequestAborted;
        // A viewer at the session's last change (most of a crowd: a first visit to a current page, a resume after a
        // restart) has nothing to catch up on: the database is not asked. Anything else is read, as committed.
        var upToDate = cursor == state.LastChange;
        var changes = upToDate
            ? new EntryChanges(state.Status, state.LastChange, [])
            : await catalog.ChangesAsync(id, cursor, aborted, pass);
        if (changes is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var over = changes.Status is InterviewStatus.Ended or InterviewStatus.Published or InterviewStatus.Cancelled;
        if (over && resumed && changes.Entries.Count == 0)
        {
            // Nothing more will come: 204 tells EventSource to stop reconnecting.
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // nginx must pass each event on at once (deploy/nginx), not fill a buffer first.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            // OriginGuard let it through (the site or an allowed portal): its pages may read the stream.
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.Vary = "Origin";
        }
        var body = http.Response.BodyWriter;
        // Spread a crowd's reconnects after a restart over a few seconds.
        body.Write(System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: {Random.Shared.Next(1000, 5000)}\n\n")));
        while (true)
        {
            foreach (var entry in changes.Entries)
            {
                viewer.WriteCaughtUp(body, frames.Entry(entry, 0));
            }
            if (changes.Complete)
            {
                break;
            }
            await body.FlushAsync(aborted);
            changes = await catalog.ChangesAsync(id, changes.Cursor, aborted, pass) ?? changes with { Entries = [] };
        }
        viewer.MoveTo(changes.Cursor);
        viewer.Write(body, frames.Status(id, changes.Status));
        if (changes.Status == InterviewStatus.Live)
        {
            // The question being answered may have changed while the viewer was away.
            viewer.Write(body, frames.Floor(id, upToDate ? state.Floor : await catalog.OnTheFloorAsync(id, aborted, pass)));
        }
        await body.FlushAsync(aborted);
        if (over)
        {
            return;
        }
        await viewer.PumpAsync(body, aborted);
    }
}
