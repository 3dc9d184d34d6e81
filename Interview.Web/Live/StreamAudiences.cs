using System.Collections.Concurrent;
using System.Threading.Channels;
using Interview.Domain.Interviews;
using Interview.Web.Events;
using Interview.Web.Public;
using Microsoft.Extensions.Options;

namespace Interview.Web.Live;

/// <summary>
/// The viewers of the public stream, by session, and the one loop that feeds them: it hears every instance's events
/// (<see cref="IEventBus.Subscribe"/>: no backplane carries these viewers' sends, unlike the hub's), turns each into one
/// frame for the whole session and offers the same bytes to each viewer. Entries go out in the order of their change
/// numbers: a change that arrives ahead of one still on its way (two publishers, two instances) brings the missing ones
/// from the database first, so viewers never see a gap. One timer sends every viewer's keep-alive.
/// Each audience also keeps what a new viewer needs to know about its session (<see cref="StreamState"/>: status, last
/// change, last seq, the floor), read from the database once and then kept current by the relay itself, so that a
/// crowd connecting (or coming back after a restart) does not read the database once per viewer.
/// </summary>
public sealed class StreamAudiences(
    IEventBus bus, PublicCatalog catalog, StreamFrames frames, IOptions<InterviewOptions> options, ILogger<StreamAudiences> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<int, Audience> _sessions = new();
    private readonly Channel<LiveEvent> _queue = Channel.CreateUnbounded<LiveEvent>(new() { SingleReader = true });

    /// <summary>
    /// Adds a viewer to its session's audience, before its catch-up is read (so nothing falls in between). Returns what
    /// the audience knows of the session at that moment (null: nothing yet, read the database) and the audience's count
    /// of offers, which <see cref="Know"/> takes back.
    /// </summary>
    public (StreamState? Known, long Offers) Join(int interviewId, StreamViewer viewer)
    {
        while (true)
        {
            var audience = _sessions.GetOrAdd(interviewId, _ => new Audience());
            if (audience.TryAdd(viewer, out var known, out var offers))
            {
                return (known, offers);
            }
            // It emptied and closed just now: take a fresh one.
        }
    }

    /// <summary>
    /// Keeps a session's state as read from the database by a viewer that joined when the audience had made
    /// <paramref name="offersAtJoin"/> offers, unless something was offered since (the read may then be older than what
    /// the relay sent): the next viewer reads again.
    /// </summary>
    public void Know(int interviewId, StreamState state, long offersAtJoin)
    {
        if (_sessions.TryGetValue(interviewId, out var audience))
        {
            audience.Know(state, offersAtJoin);
        }
    }

    public void Leave(int interviewId, StreamViewer viewer)
    {
        if (_sessions.TryGetValue(interviewId, out var audience) && audience.RemoveAndCloseIfEmpty(viewer))
        {
            _sessions.TryRemove(new KeyValuePair<int, Audience>(interviewId, audience));
        }
    }

    /// <summary>Viewers on this instance, every session together.</summary>
    public int Count => _sessions.Values.Sum(a => a.Count);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe(null, e => _queue.Writer.WriteAsync(e, stoppingToken).AsTask());
        var keepAlive = KeepAliveAsync(stoppingToken);
        try
        {
            await foreach (var liveEvent in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_sessions.TryGetValue(liveEvent.InterviewId, out var audience))
                {
                    continue;
                }
                try
                {
                    await RelayAsync(liveEvent, audience, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Viewers resume by cursor when they reconnect; the next entry also fills the gap from the database.
                    logger.LogWarning(e, "Could not stream a live event of session {InterviewId}.", liveEvent.InterviewId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            // Ends every open response, so the server stops at once and browsers resume elsewhere or after the restart.
            foreach (var audience in _sessions.Values)
            {
                audience.CloseAll();
            }
            await keepAlive;
        }
    }

    private async Task RelayAsync(LiveEvent liveEvent, Audience audience, CancellationToken cancellationToken)
    {
        switch (liveEvent)
        {
            case EntryPublished { Entry: var entry }:
                await EntryAsync(liveEvent.InterviewId, entry, audience, cancellationToken);
                break;
            case StatusChanged s:
                // A session taken back to draft is no longer public: the next viewer asks the database (and gets 404).
                audience.Offer(frames.Status(s.InterviewId, s.Status),
                    known => s.Status == InterviewStatus.Draft ? null : known with { Status = s.Status });
                break;
            case QuestionApproved q:
                audience.Offer(frames.Question(q.QuestionId, q.Nickname, q.Text));
                break;
        }
        if (LiveHubRelay.MovesTheFloor(liveEvent))
        {
            // Pass.Site: an audience holds only viewers the stream let in (a rehearsal's, with its link).
            var floor = await catalog.OnTheFloorAsync(liveEvent.InterviewId, cancellationToken, Pass.Site);
            audience.Offer(frames.Floor(liveEvent.InterviewId, floor), known => known with { Floor = floor });
        }
    }

    private async Task EntryAsync(int interviewId, EntryView entry, Audience audience, CancellationToken cancellationToken)
    {
        var last = audience.LastChange;
        if (entry.Change <= 0 || (last >= 0 && entry.Change <= last))
        {
            // Sent already (it was read from the database with a change that overtook it), or not stamped.
            return;
        }
        if (last < 0 || entry.Change == last + 1)
        {
            audience.Offer(frames.Entry(entry, last < 0 ? entry.Change - 1 : last), known => known.After(entry));
            audience.LastChange = entry.Change;
            return;
        }
        // A change overtook one still on its way: everything after the last one sent, as committed, in order.
        EntryChanges? changes;
        do
        {
            changes = await catalog.ChangesAsync(interviewId, audience.LastChange, cancellationToken, Pass.Site);
            foreach (var missed in changes?.Entries ?? [])
            {
                audience.Offer(frames.Entry(missed, audience.LastChange), known => known.After(missed));
                audience.LastChange = missed.Change;
            }
        }
        while (changes is { Complete: false });
    }

    private async Task KeepAliveAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.Limits.StreamKeepAliveSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var audience in _sessions.Values)
                {
                    audience.Offer(StreamFrame.KeepAlive);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// One session's viewers on this instance, the last change sent to them (-1: none yet), and what a new viewer needs
    /// to know (kept under the same lock as the offers, so a viewer joining sees either the state before an offer and
    /// then the offer, or the state after it).
    /// </summary>
    private sealed class Audience
    {
        private readonly HashSet<StreamViewer> _viewers = [];
        private bool _closed;
        private StreamState? _known;
        private long _offers;

        /// <summary>Only the relay loop reads and writes it.</summary>
        public int LastChange { get; set; } = -1;

        public int Count
        {
            get
            {
                lock (_viewers)
                {
                    return _viewers.Count;
                }
            }
        }

        public bool TryAdd(StreamViewer viewer, out StreamState? known, out long offers)
        {
            lock (_viewers)
            {
                known = _known;
                offers = _offers;
                return !_closed && _viewers.Add(viewer);
            }
        }

        public void Know(StreamState state, long offersAtJoin)
        {
            lock (_viewers)
            {
                if (_offers == offersAtJoin)
                {
                    _known ??= state;
                }
            }
        }

        public bool RemoveAndCloseIfEmpty(StreamViewer viewer)
        {
            lock (_viewers)
            {
                _viewers.Remove(viewer);
                _closed = _viewers.Count == 0;
                return _closed;
            }
        }

        /// <summary>
        /// Offers the frame to each viewer; none waits (a full queue closes that viewer alone). <paramref name="update"/>
        /// brings the known state past this frame.
        /// </summary>
        public void Offer(StreamFrame frame, Func<StreamState, StreamState?>? update = null)
        {
            lock (_viewers)
            {
                _offers++;
                if (update is not null && _known is { } known)
                {
                    _known = update(known);
                }
                foreach (var viewer in _viewers)
                {
                    viewer.Offer(frame);
                }
            }
        }

        public void CloseAll()
        {
            lock (_viewers)
            {
                foreach (var viewer in _viewers)
                {
                    viewer.Close();
                }
            }
        }
    }
}
