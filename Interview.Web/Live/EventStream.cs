using System.Buffers;
using System.Globalization;
using Interview.Domain.Interviews;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Microsoft.AspNetCore.Http.Features;

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

    public static IEndpointConventionBuilder MapEventStream(this IEndpointRouteBuilder app) =>
        app.MapGet(Template, StreamAsync).AllowAnonymous()
            .WithTags("Public API")
            .WithSummary("Server-sent events of a public session: entry (published or corrected), status, question, floor; resumable by Last-Event-ID.");

    private static async Task StreamAsync(
        HttpContext http, int id, PublicCatalog catalog, StreamAudiences audiences, StreamFrames frames,
        HubConnectionCounter limits, InterviewMetrics metrics)
    {
        var resumed = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : null;
        var after = resumed ?? http.Request.Query["after"].ToString();
        int cursor;
        if (after.Length > 0)
        {
            if (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        else
        {
            var afterSeq = int.TryParse(http.Request.Query["afterSeq"], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
            if (await catalog.CursorBeforeSeqAsync(id, afterSeq, http.RequestAborted) is not { } before)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            cursor = before;
        }

        var client = limits.ClientOf(http);
        if (!limits.TryEnter(client))
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = "30";
            return;
        }
        var viewer = new StreamViewer(cursor);
        // Subscribe first, then read: an entry published in between is both read and heard, and the viewer drops the
        // second by its cursor; none falls between.
        audiences.Join(id, viewer);
        metrics.StreamViewerConnected();
        try
        {
            await ServeAsync(http, id, cursor, resumed is not null, viewer, catalog, frames);
        }
        finally
        {
            audiences.Leave(id, viewer);
            limits.Leave(client);
            metrics.StreamViewerDisconnected();
        }
    }

    private static async Task ServeAsync(
        HttpContext http, int id, int cursor, bool resumed, StreamViewer viewer, PublicCatalog catalog, StreamFrames frames)
    {
        var aborted = http.RequestAborted;
        var changes = await catalog.ChangesAsync(id, cursor, aborted);
        if (changes is null)
        {
            // Drafts and rehearsals: the catalogue's rule of what is public decides, as for every public output.
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
            changes = await catalog.ChangesAsync(id, changes.Cursor, aborted) ?? changes with { Entries = [] };
        }
        viewer.MoveTo(changes.Cursor);
        viewer.Write(body, frames.Status(id, changes.Status));
        if (changes.Status == InterviewStatus.Live)
        {
            // The question being answered may have changed while the viewer was away.
            viewer.Write(body, frames.Floor(id, await catalog.OnTheFloorAsync(id, aborted)));
        }
        await body.FlushAsync(aborted);
        if (over)
        {
            return;
        }
        await viewer.PumpAsync(body, aborted);
    }
}
