using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Interview.Domain.Interviews;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Live;

/// <summary>
/// One request of the event stream (<see cref="EventStream"/>), from the first byte to the last, in one method that
/// does what the site's middleware would: the security headers, the origin rule, problem+json for refusals, the
/// request's metrics and log line. While the viewer follows its session, what stays alive for it is this method's one
/// awaiting state, its <see cref="StreamViewer"/> and Kestrel's connection: no middleware awaiting around it, no parsed
/// query, no response callback, no task of its own.
/// </summary>
public sealed class StreamServer
{
    private static readonly RequestDelegate NoNext = _ => Task.CompletedTask;

    // The request metrics and log line name the route, as they would for the mapped endpoint.
    private static readonly RouteEndpoint Endpoint = new(_ => Task.CompletedTask, RoutePatternFactory.Parse(EventStream.Template), 0,
        EndpointMetadataCollection.Empty, "Public event stream");

    private readonly PublicCatalog _catalog;
    private readonly IDbContextFactory<InterviewDbContext> _contexts;
    private readonly StreamAudiences _audiences;
    private readonly StreamFrames _frames;
    private readonly HubConnectionCounter _limits;
    private readonly InterviewMetrics _metrics;
    private readonly IProblemDetailsService _problems;
    private readonly SecurityHeaders _headers;
    private readonly OriginGuard _origins;
    private readonly InterviewMetricsRequests _requests;
    private readonly ILogger<StreamServer> _logger;

    public StreamServer(
        PublicCatalog catalog, IDbContextFactory<InterviewDbContext> contexts, StreamAudiences audiences, StreamFrames frames,
        HubConnectionCounter limits, InterviewMetrics metrics, IProblemDetailsService problems, IServiceProvider services,
        ILogger<StreamServer> logger)
    {
        _catalog = catalog;
        _contexts = contexts;
        _audiences = audiences;
        _frames = frames;
        _limits = limits;
        _metrics = metrics;
        _problems = problems;
        _logger = logger;
        // The site's own middleware, asked directly rather than awaited around the stream.
        _headers = ActivatorUtilities.CreateInstance<SecurityHeaders>(services, NoNext);
        _origins = ActivatorUtilities.CreateInstance<OriginGuard>(services, NoNext);
        _requests = ActivatorUtilities.CreateInstance<InterviewMetricsRequests>(services, NoNext);
    }

    public async Task ServeAsync(HttpContext http, int id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var started = Stopwatch.GetTimestamp();
        http.SetEndpoint(Endpoint);
        var query = StreamQuery.Of(http.Request);
        // A rehearsal's link (彩排) carries its token: never sent on, cached or indexed (Hosting/SecurityHeaders).
        _headers.Apply(http.Response, embed: false, staff: false, screen: query.Rehearsal is not null);
        try
        {
            if (!_origins.Allows(http.Request, hub: true))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsync("Origin not allowed.", http.RequestAborted);
                return;
            }
            if (await ServeCheckedAsync(http, id, query) is { } refused)
            {
                await RefuseAsync(http, refused);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The event stream of session {InterviewId} failed (request {RequestId}).", id, http.TraceIdentifier);
            if (!http.Response.HasStarted)
            {
                await RefuseAsync(http, StatusCodes.Status500InternalServerError);
            }
        }
        finally
        {
            _requests.Record(http, started);
        }
    }

    /// <summary>Streams, or says which status refuses the request (null: served, or 204 written).</summary>
    private async Task<int?> ServeCheckedAsync(HttpContext http, int id, StreamQuery query)
    {
        int? cursor = null;
        var afterSeq = 0;
        if (query.After is { Length: > 0 } after)
        {
            if (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var given))
            {
                return StatusCodes.Status400BadRequest;
            }
            cursor = given;
        }
        else
        {
            afterSeq = int.TryParse(query.AfterSeq, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        }

        // A rehearsal's private page (彩排) follows its stream with its link's token; without it a rehearsal is a 404, as
        // everywhere public. The token is checked before the viewer joins anything.
        var pass = query.Rehearsal is { Length: > 0 } token ? new Pass(token) : null;
        if (pass is not null && !await _catalog.IsVisibleAsync(id, pass, http.RequestAborted))
        {
            return StatusCodes.Status404NotFound;
        }

        var client = _limits.ClientOf(http);
        if (!_limits.TryEnter(client))
        {
            http.Response.Headers.RetryAfter = "30";
            return StatusCodes.Status429TooManyRequests;
        }
        var viewer = new StreamViewer(cursor ?? 0);
        // Subscribe first, then read: an entry published in between is both read and heard, and the viewer drops the
        // second by its cursor; none falls between.
        var (known, offers) = _audiences.Join(id, viewer);
        _metrics.StreamViewerConnected();
        try
        {
            var follow = await CatchUpAsync(http, id, cursor, afterSeq, query.Resumed, known, offers, viewer, pass);
            if (follow is not null)
            {
                return follow == 0 ? null : follow;
            }
            // Following: the relay writes to the response from here; this request only waits for the stream's end.
            using (http.RequestAborted.Register(static v => ((StreamViewer)v!).Close(), viewer))
            {
                await viewer.Done;
            }
            return null;
        }
        finally
        {
            viewer.Close();
            _audiences.Leave(id, viewer);
            _limits.Leave(client);
            _metrics.StreamViewerDisconnected();
        }
    }

    /// <summary>
    /// Writes what the viewer missed and the session's state, then hands the response to the viewer. Null: it follows
    /// now; 0: the response is complete (a 204, or a session that is over); else the status that refuses it.
    /// </summary>
    private async Task<int?> CatchUpAsync(
        HttpContext http, int id, int? cursor, int afterSeq, bool resumed, StreamState? known, long offers, StreamViewer viewer, Pass? pass)
    {
        var aborted = http.RequestAborted;
        var state = known ?? await StreamState.ReadAsync(_catalog, _contexts, id, pass, aborted);
        if (state is null || (state.Private && pass is null))
        {
            // Drafts: the catalogue's rule of what is public decides, as for every public output.
            return StatusCodes.Status404NotFound;
        }
        if (known is null)
        {
            _audiences.Know(id, state, offers);
        }
        // A first connection that has every seq (the page it came from is current) has every change.
        var from = cursor ?? (afterSeq >= state.LastSeq ? state.LastChange
            : await _catalog.CursorBeforeSeqAsync(id, afterSeq, aborted, pass));
        if (from is not { } start)
        {
            return StatusCodes.Status404NotFound;
        }
        viewer.MoveTo(start);

        // A viewer at the session's last change (most of a crowd: a first visit to a current page, a resume after a
        // restart) has nothing to catch up on: the database is not asked. Anything else is read, as committed.
        var upToDate = start == state.LastChange;
        var changes = upToDate
            ? new EntryChanges(state.Status, state.LastChange, [])
            : await _catalog.ChangesAsync(id, start, aborted, pass);
        if (changes is null)
        {
            return StatusCodes.Status404NotFound;
        }
        var over = changes.Status is InterviewStatus.Ended or InterviewStatus.Published or InterviewStatus.Cancelled;
        if (over && resumed && changes.Entries.Count == 0)
        {
            // Nothing more will come: 204 tells EventSource to stop reconnecting.
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return 0;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // nginx must pass each event on at once (deploy/nginx), not fill a buffer first.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            // The origin rule let it through (the site or an allowed portal): its pages may read the stream.
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.Vary = "Origin";
        }
        var body = http.Response.BodyWriter;
        // Spread a crowd's reconnects after a restart over a few seconds.
        body.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"retry: {Random.Shared.Next(1000, 5000)}\n\n")));
        while (true)
        {
            foreach (var entry in changes.Entries)
            {
                viewer.WriteCaughtUp(body, _frames.Entry(entry, 0));
            }
            if (changes.Complete)
            {
                break;
            }
            await body.FlushAsync(aborted);
            changes = await _catalog.ChangesAsync(id, changes.Cursor, aborted, pass) ?? changes with { Entries = [] };
        }
        viewer.MoveTo(changes.Cursor);
        viewer.Write(body, _frames.Status(id, changes.Status));
        if (changes.Status == InterviewStatus.Live)
        {
            // The question being answered may have changed while the viewer was away.
            viewer.Write(body, _frames.Floor(id, upToDate ? state.Floor : await _catalog.OnTheFloorAsync(id, aborted, pass)));
        }
        await body.FlushAsync(aborted);
        if (over || !viewer.Follow(body))
        {
            return 0;
        }
        return null;
    }

    /// <summary>A refusal in problem+json, as the API's other refusals (Hosting/InterviewServices: AddProblemDetails).</summary>
    private async Task RefuseAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        await _problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
    }

    /// <summary>
    /// What the stream reads of its query, read without building the request's query dictionary (which would stay with
    /// the request for as long as the viewer follows): names as <c>Request.Query</c> matches them, case aside.
    /// </summary>
    private readonly record struct StreamQuery(string? After, string? AfterSeq, string? Rehearsal, bool Resumed)
    {
        public static StreamQuery Of(HttpRequest request)
        {
            string? after = null, afterSeq = null, rehearsal = null;
            foreach (var pair in new QueryStringEnumerable(request.QueryString.Value))
            {
                var name = pair.DecodeName().Span;
                if (name.Equals("after", StringComparison.OrdinalIgnoreCase))
                {
                    after ??= pair.DecodeValue().ToString();
                }
                else if (name.Equals("afterSeq", StringComparison.OrdinalIgnoreCase))
                {
                    afterSeq ??= pair.DecodeValue().ToString();
                }
                else if (name.Equals(LiveHub.RehearsalParameter, StringComparison.OrdinalIgnoreCase))
                {
                    rehearsal ??= pair.DecodeValue().ToString();
                }
            }
            // A reconnecting EventSource sends its last id: that is the cursor, whatever the address says.
            var resumed = request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : null;
            return new StreamQuery(resumed ?? after, afterSeq, rehearsal, resumed is not null);
        }
    }
}
