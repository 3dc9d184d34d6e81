using Interview.Web.Api;
using Interview.Web.Public;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Web.Live;

/// <summary>
/// The public live hub (CONTRACT.md "Live hub"): anyone may join a session and leave it; nothing else can be called.
/// Join returns the entries after the client's last seq, so a reconnecting client fills its gap exactly.
/// </summary>
[AllowAnonymous]
public sealed class LiveHub(PublicCatalog catalog, PublicApiMapper map) : Hub
{
    public const string Path = "/hubs/live";

    public static string Group(int interviewId) => $"interview-{interviewId}";

    /// <summary>The query parameter of the hub's address that carries a rehearsal's private link token.</summary>
    public const string RehearsalParameter = "rehearsal";

    public async Task<IReadOnlyList<EntryDto>> Join(int interviewId, int afterSeq)
    {
        // A rehearsal (彩排) is joined only with its private link's token, given in the hub's address
        // (/hubs/live?rehearsal=TOKEN). Asked before subscribing: without it, the rehearsal's group is never entered,
        // not even for a moment, so none of its events reaches anyone without the link.
        var pass = await VisiblePassAsync(interviewId);
        // Subscribe first, then read: an entry published in between arrives twice at worst (the client drops
        // repeats by seq), never not at all.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(interviewId));
        var entries = await catalog.EntriesAsync(interviewId, Math.Max(0, afterSeq), pass: pass);
        if (entries is null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(interviewId));
            throw new HubException(Text.ErrorText.Word(Text.SiteErrorCodes.HubNoSuchInterview));
        }
        // The question being answered may have changed while the client was away: it hears where the floor is now.
        await Clients.Caller.SendAsync("floor", new FloorMessage(interviewId, await catalog.OnTheFloorAsync(interviewId, pass: pass)));
        return entries.Select(map.Entry).ToList();
    }

    /// <summary>
    /// Like <see cref="Join"/>, from a cursor (an entry's <c>cursor</c>, the stream's <c>id:</c>): the entries published
    /// or corrected since, in that order, each in its latest wording with its cursor. A correction made while the
    /// client was away is caught up, which Join (by seq) cannot do.
    /// </summary>
    public async Task<IReadOnlyList<EntryDto>> JoinAfter(int interviewId, int cursor)
    {
        var pass = await VisiblePassAsync(interviewId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(interviewId));
        var entries = new List<EntryDto>();
        EntryChanges? changes;
        var after = Math.Max(0, cursor);
        do
        {
            changes = await catalog.ChangesAsync(interviewId, after, pass: pass);
            if (changes is null)
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(interviewId));
                throw new HubException(Text.ErrorText.Word(Text.SiteErrorCodes.HubNoSuchInterview));
            }
            entries.AddRange(changes.Entries.Select(map.Entry));
            after = changes.Cursor;
        }
        while (!changes.Complete);
        await Clients.Caller.SendAsync("floor", new FloorMessage(interviewId, await catalog.OnTheFloorAsync(interviewId, pass: pass)));
        return entries;
    }

    /// <summary>
    /// The pass of the hub's address (a rehearsal's private link token, /hubs/live?rehearsal=TOKEN), once it is known that
    /// it opens the session. Asked before subscribing: a rehearsal's group is never entered without the link, not even for
    /// a moment, so none of its events reaches anyone without it.
    /// </summary>
    private async Task<Pass?> VisiblePassAsync(int interviewId)
    {
        var token = Context.GetHttpContext()?.Request.Query[RehearsalParameter].ToString();
        var pass = string.IsNullOrEmpty(token) ? null : new Pass(token);
        return await catalog.IsVisibleAsync(interviewId, pass)
            ? pass
            : throw new HubException(Text.ErrorText.Word(Text.SiteErrorCodes.HubNoSuchInterview));
    }

    public Task Leave(int interviewId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(interviewId));
}

/// <summary>
/// Relays the notifier's events to the hub's groups, in the shapes of CONTRACT.md. Events queue in order and are sent
/// from the background, so publishing does not wait for thousands of viewers' sends.
/// </summary>
public sealed class LiveHubRelay(
    Events.IEventBus notifier, IHubContext<LiveHub> hub, PublicApiMapper map, Hosting.InterviewMetrics metrics, ILogger<LiveHubRelay> logger,
    PublicCatalog catalog)
    : BackgroundService
{
    private readonly System.Threading.Channels.Channel<LiveEvent> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<LiveEvent>(new() { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeLocal(null, e => _queue.Writer.WriteAsync(e, stoppingToken).AsTask());
        await foreach (var liveEvent in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RelayAsync(liveEvent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Viewers fill any gap when the next entry arrives or they reconnect (Join with their last seq).
                logger.LogWarning(e, "Could not relay a live event for session {InterviewId}.", liveEvent.InterviewId);
            }
        }
    }

    private async Task RelayAsync(LiveEvent liveEvent)
    {
        var group = hub.Clients.Group(LiveHub.Group(liveEvent.InterviewId));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var message = liveEvent switch
        {
            EntryPublished e => await SendAsync(group, "entry", map.Entry(e.Entry)),
            StatusChanged s => await SendAsync(group, "status", new StatusMessage(s.InterviewId, s.Status)),
            QuestionApproved q => await SendAsync(group, "question", new QuestionMessage(q.QuestionId, q.Nickname, q.Text)),
            ScreenChanged s => await SendAsync(group, "screen", new ScreenMessage(s.InterviewId)),
            _ => null,
        };
        if (message is not null)
        {
            metrics.HubSent(message, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        if (MovesTheFloor(liveEvent))
        {
            // Read after the save, so the marker lands where the host console shows it, whatever the order of events.
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            await SendAsync(group, "floor", new FloorMessage(liveEvent.InterviewId, await catalog.OnTheFloorAsync(liveEvent.InterviewId, pass: Pass.Site)));
            metrics.HubSent("floor", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// A question put or answered moves 正在回答: a new question entry, a new answer (it announces the question answered
    /// itself), the host's mark (a desk change), the end of the session.
    /// </summary>
    internal static bool MovesTheFloor(LiveEvent liveEvent) => liveEvent switch
    {
        EntryPublished e => (e.Entry.Kind == Domain.Interviews.EntryKind.Question || e.Entry.IsAnswer) && e.Entry.CorrectedAt is null,
        DeskChanged or StatusChanged => true,
        _ => false,
    };

    private static async Task<string> SendAsync(IClientProxy group, string message, object payload)
    {
        await group.SendAsync(message, payload);
        return message;
    }
}

public sealed record StatusMessage(int InterviewId, Domain.Interviews.InterviewStatus Status);

public sealed record QuestionMessage(int Id, string Nickname, string Text);

/// <summary>The question being answered (正在回答): the seq of the entry that put it, or null when none is.</summary>
public sealed record FloorMessage(int InterviewId, int? Seq);

/// <summary>The studio screen's content changed (<see cref="StudioScreens"/>): screens fetch it again.</summary>
public sealed record ScreenMessage(int InterviewId);
