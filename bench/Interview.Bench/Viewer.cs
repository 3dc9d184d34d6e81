using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Bench;

/// <summary>The fields of an Entry (CONTRACT.md) a viewer looks at; the rest of the message is ignored.</summary>
internal sealed record EntryMessage(int Seq, string? Kind, string? Text);

/// <summary>A public viewer over either transport, as the scenarios see it: which entries came, when, how often.</summary>
internal interface ILiveViewer : IAsyncDisposable
{
    /// <summary>Connects (and, on the hub, joins the session); throws when it cannot.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Not connected now (the hub: closed for good; SSE: its stream is down, it may come back).</summary>
    bool Closed { get; }
    int Duplicates { get; }
    int CountOf(IReadOnlyCollection<int> seqs);
    bool TryGet(int seq, out long at);
    int CountForeign(IReadOnlySet<int> published);
}

/// <summary>
/// One public viewer: a SignalR .NET client over WebSockets that joins a session and notes, per seq, when the
/// `entry` message first arrived and how often it came again.
/// </summary>
internal sealed class Viewer : ILiveViewer
{
    private readonly HubConnection _hub;
    private readonly int _interviewId;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, long> _firstSeen = [];
    private int _duplicates;
    private volatile bool _closed;

    /// <summary>
    /// What a browser on the live page adds to the WebSocket upgrade request (the server keeps the request's headers
    /// for the life of the connection, so they count in its memory per viewer). Public viewers carry no cookie.
    /// </summary>
    internal static readonly KeyValuePair<string, string>[] BrowserHeaders =
    [
        new("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"),
        new("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"),
        new("Accept-Encoding", "gzip, deflate, br, zstd"),
        new("Cache-Control", "no-cache"),
        new("Pragma", "no-cache"),
    ];

    public Viewer(Uri hubUrl, int interviewId, bool likeBrowser)
    {
        _interviewId = interviewId;
        var origin = hubUrl.GetLeftPart(UriPartial.Authority);
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (likeBrowser)
                {
                    // A page of the site itself (the origin guard lets it through).
                    o.Headers["Origin"] = origin;
                    foreach (var (name, value) in BrowserHeaders)
                    {
                        o.Headers[name] = value;
                    }
                }
            })
            .Build();
        _hub.On<EntryMessage>("entry", entry => Record(entry.Seq, Stopwatch.GetTimestamp()));
        _hub.Closed += _ =>
        {
            _closed = true;
            return Task.CompletedTask;
        };
    }

    public bool Closed => _closed;
    public int HistoryCount { get; private set; }

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

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken);
        var history = await _hub.InvokeAsync<EntryMessage[]>("Join", _interviewId, 0, cancellationToken);
        HistoryCount = history.Length;
    }

    private void Record(int seq, long at)
    {
        lock (_gate)
        {
            if (!_firstSeen.TryAdd(seq, at))
            {
                _duplicates++;
            }
        }
    }

    public bool Has(int seq)
    {
        lock (_gate)
        {
            return _firstSeen.ContainsKey(seq);
        }
    }

    public int CountOf(IReadOnlyCollection<int> seqs)
    {
        lock (_gate)
        {
            return seqs.Count(_firstSeen.ContainsKey);
        }
    }

    public bool TryGet(int seq, out long at)
    {
        lock (_gate)
        {
            return _firstSeen.TryGetValue(seq, out at);
        }
    }

    /// <summary>Seqs received that were never published by this run (should be none).</summary>
    public int CountForeign(IReadOnlySet<int> published)
    {
        lock (_gate)
        {
            return _firstSeen.Keys.Count(s => !published.Contains(s));
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
        await _hub.DisposeAsync();
    }
}

/// <summary>Connects many viewers in parallel batches, over the transport the options name.</summary>
internal static class Crowd
{
    public sealed record Result(List<ILiveViewer> Connected, int Failed, string? FirstError, TimeSpan Elapsed);

    /// <summary>A viewer of the session on the server at <paramref name="baseAddress"/>: the SSE stream or the hub.</summary>
    public static ILiveViewer Viewer(Uri baseAddress, int interviewId, int index, Options options) => options.Transport == Transport.Sse
        ? new SseViewer(SseViewer.StreamUrl(baseAddress, interviewId), index, options.BrowserHeaders)
        : new Viewer(new Uri(baseAddress, "hubs/live"), interviewId, options.BrowserHeaders);

    public static async Task<Result> ConnectAsync(Uri baseAddress, int interviewId, int count, Options options, CancellationToken cancellationToken)
    {
        var connected = new List<ILiveViewer>(count);
        var failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var lastReport = clock.Elapsed;
        for (var done = 0; done < count; done += options.Batch)
        {
            var size = Math.Min(options.Batch, count - done);
            var viewers = Enumerable.Range(done, size).Select(i => Viewer(baseAddress, interviewId, i, options)).ToArray();
            var attempts = viewers.Select(async v =>
            {
                try
                {
                    await v.ConnectAsync(cancellationToken);
                    return (Viewer: v, Error: (string?)null);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await v.DisposeAsync();
                    return (Viewer: v, Error: $"{e.GetType().Name}: {e.Message}");
                }
            }).ToArray();
            foreach (var (viewer, error) in await Task.WhenAll(attempts))
            {
                if (error is null)
                {
                    connected.Add(viewer);
                }
                else
                {
                    failed++;
                    firstError ??= error;
                }
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5) && done + size < count)
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  … {connected.Count}/{count} connected ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        return new Result(connected, failed, firstError, clock.Elapsed);
    }

    public static async Task DisposeAllAsync(IReadOnlyList<ILiveViewer> viewers, int batch)
    {
        foreach (var chunk in viewers.Chunk(batch * 2))
        {
            await Task.WhenAll(chunk.Select(v => v.DisposeAsync().AsTask()));
        }
    }
}
