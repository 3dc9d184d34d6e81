using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Bench;

/// <summary>
/// A viewer that behaves as the live page (wwwroot-assets/js/live.js) when its connection breaks: it reconnects on its
/// own, never giving up, after 0.5–1 s, then 1–2 s, 2–4 s … (the page's jittered back-off), and joins again with the
/// highest seq it has; an entry that skips a seq makes it join again too. It keeps the first copy of each seq.
/// </summary>
internal sealed class ReturningViewer : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly int _interviewId;
    private readonly Lock _gate = new();
    private readonly HashSet<int> _have = [];
    private readonly SemaphoreSlim _joining = new(1, 1);
    private volatile bool _joinAgain;
    private int _last;
    private int _contiguous;
    private int _duplicates;
    private bool _away;

    public ReturningViewer(Uri hubUrl, int interviewId)
    {
        _interviewId = interviewId;
        var origin = hubUrl.GetLeftPart(UriPartial.Authority);
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers["Origin"] = origin;
            })
            .WithAutomaticReconnect(new LivePageBackOff())
            .Build();
        _hub.On<EntryMessage>("entry", Receive);
        _hub.Reconnecting += _ =>
        {
            lock (_gate)
            {
                _away = true;
                LostAt ??= Stopwatch.GetTimestamp();
            }
            return Task.CompletedTask;
        };
        _hub.Reconnected += _ => JoinAsync();
    }

    /// <summary>When the connection first broke (Stopwatch timestamp), or null.</summary>
    public long? LostAt { get; private set; }

    /// <summary>When the viewer had reconnected and joined again after the break (Stopwatch timestamp), or null.</summary>
    public long? BackAt { get; private set; }

    /// <summary>The highest seq n such that this viewer has every seq from 1 to n.</summary>
    public int Contiguous
    {
        get
        {
            lock (_gate)
            {
                return _contiguous;
            }
        }
    }

    /// <summary>Entry messages for a seq the viewer already had (from a join's catch-up or an earlier message).</summary>
    public int Duplicates
    {
        get
        {
            lock (_gate)
            {
                return _duplicates;
            }
        }
    }

    public bool Has(int seq)
    {
        lock (_gate)
        {
            return _have.Contains(seq);
        }
    }

    public int MissingOf(IEnumerable<int> seqs)
    {
        lock (_gate)
        {
            return seqs.Count(s => !_have.Contains(s));
        }
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken);
        Keep(await _hub.InvokeAsync<EntryMessage[]>("Join", _interviewId, 0, cancellationToken));
    }

    private void Receive(EntryMessage entry)
    {
        bool gap;
        lock (_gate)
        {
            if (_have.Contains(entry.Seq))
            {
                _duplicates++;
                return;
            }
            gap = entry.Seq > _last + 1;
            if (!gap)
            {
                Add(entry.Seq);
            }
        }
        if (gap)
        {
            // As the page: not shown out of order; the join brings it with what came before it. Not awaited here:
            // an invocation awaited inside a handler would wait on the loop that is running the handler.
            _ = Task.Run(JoinAsync);
        }
    }

    /// <summary>Join(id, last): one at a time; a request while one runs makes it run once more after.</summary>
    private async Task JoinAsync()
    {
        _joinAgain = true;
        // The outer loop: a request that came just as the running join was letting go is not lost.
        while (_joinAgain && await _joining.WaitAsync(0))
        {
            try
            {
                while (_joinAgain)
                {
                    _joinAgain = false;
                    int after;
                    lock (_gate)
                    {
                        after = _last;
                    }
                    Keep(await _hub.InvokeAsync<EntryMessage[]>("Join", _interviewId, after));
                    lock (_gate)
                    {
                        if (_away)
                        {
                            _away = false;
                            BackAt ??= Stopwatch.GetTimestamp();
                        }
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // As the page: a failed join is tried again at the next reconnect or the next entry that skips a seq.
            }
            finally
            {
                _joining.Release();
            }
        }
    }

    private void Keep(EntryMessage[] entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_have.Contains(entry.Seq))
                {
                    Add(entry.Seq);
                }
            }
        }
    }

    private void Add(int seq)
    {
        _have.Add(seq);
        _last = Math.Max(_last, seq);
        while (_have.Contains(_contiguous + 1))
        {
            _contiguous++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _hub.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        // _joining is left to the collector: a join started by a late message may still be letting go of it.
        await _hub.DisposeAsync();
    }

    /// <summary>live.js: min(30 s, 1 s × 2^n) × (0.5 … 1), never giving up: a crowd that lost its server spreads out.</summary>
    private sealed class LivePageBackOff : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromMilliseconds(Math.Min(30_000, 1000 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 15)))
                * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
