using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Tests.ScaleOut;

/// <summary>
/// A viewer of the live hub over a real socket, as the live page is: WebSockets, reconnecting on its own, and on every
/// (re)connection joining with the last seq it has (CONTRACT.md "Live hub"), keeping the first copy of each entry.
/// </summary>
public sealed class Viewer : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly int _interviewId;
    private readonly ConcurrentDictionary<int, int> _copies = new();
    private readonly ConcurrentQueue<int> _arrivals = new();
    private readonly Lock _gate = new();

    private Viewer(HubConnection connection, int interviewId)
    {
        _connection = connection;
        _interviewId = interviewId;
        _connection.On<JsonElement>("entry", Receive);
        _connection.Reconnecting += _ =>
        {
            LostAt ??= Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        };
        _connection.Reconnected += async _ =>
        {
            await JoinAsync();
            Interlocked.Increment(ref _reconnections);
            BackAt ??= Stopwatch.GetTimestamp();
        };
    }

    private int _reconnections;

    /// <summary>How often the viewer came back after losing its connection.</summary>
    public int Reconnections => Volatile.Read(ref _reconnections);

    public long? LostAt { get; private set; }

    public long? BackAt { get; private set; }

    /// <summary>The seqs received from the hub in the order they came (repeats included), joins' catch-up included.</summary>
    public IReadOnlyList<int> Arrivals => [.. _arrivals];

    /// <summary>How many copies of each seq arrived by hub message (a join's catch-up not counted).</summary>
    public IReadOnlyDictionary<int, int> Copies => _copies;

    public int HighestSeq
    {
        get
        {
            lock (_gate)
            {
                return _highest;
            }
        }
    }

    private int _highest;

    public static async Task<Viewer> ConnectAsync(Uri site, int interviewId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(site, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            // Tries again at once, then every second: what the live page does (wwwroot/js/live.js) in spirit.
            .WithAutomaticReconnect(new EverySecond())
            .Build();
        var viewer = new Viewer(connection, interviewId);
        await connection.StartAsync();
        await viewer.JoinAsync();
        return viewer;
    }

    private async Task JoinAsync()
    {
        var missed = await _connection.InvokeAsync<JsonElement[]>("Join", _interviewId, HighestSeq);
        foreach (var entry in missed)
        {
            Keep(entry.GetProperty("seq").GetInt32());
        }
    }

    private void Receive(JsonElement entry)
    {
        var seq = entry.GetProperty("seq").GetInt32();
        _copies.AddOrUpdate(seq, 1, (_, n) => n + 1);
        Keep(seq);
    }

    private void Keep(int seq)
    {
        _arrivals.Enqueue(seq);
        lock (_gate)
        {
            _highest = Math.Max(_highest, seq);
        }
    }

    /// <summary>The distinct seqs this viewer has, in ascending order.</summary>
    public IReadOnlyList<int> Seqs() => [.. _arrivals.Distinct().Order()];

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private sealed class EverySecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
    }
}
