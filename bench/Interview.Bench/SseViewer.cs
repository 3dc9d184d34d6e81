using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Interview.Bench;

/// <summary>
/// One public viewer on the event stream (CONTRACT.md "Public event stream"), lean enough for 18,000 in one process:
/// a raw socket speaking HTTP/1.1, no HttpClient (whose connection pool and buffers would cost more than the server's
/// side). Between events it holds no buffer: it waits with a zero-byte receive and rents one only when bytes are
/// there. Like a browser's EventSource it reconnects when the stream ends, after the server's `retry:` (1 s if none)
/// plus a random spread, sending the last `id:` as Last-Event-ID. It notes, per entry seq, when the first `entry`
/// event came and how many came (a correction comes again under the same seq).
/// </summary>
internal sealed class SseViewer : ILiveViewer
{
    /// <summary>Source addresses 127.0.0.1…4: 18,000 sockets to one port from one address would use most of the
    /// ephemeral port range (32768–60999 here), leaving none for a second crowd while the first's are in TIME_WAIT.</summary>
    private const int LoopbackSources = 4;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly Uri _url;
    private readonly int _index;
    private readonly bool _likeBrowser;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (long First, int Count)> _entries = [];
    private readonly List<(int Wire, int Data, string Sample)>? _wire;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private SseDecoder? _decoder;
    private string? _lastEventId;
    private int? _retry;
    private long _now;
    private volatile bool _connected;
    private volatile bool _disposed;
    private Task? _loop;

    public SseViewer(Uri streamUrl, int index, bool likeBrowser, bool recordWire = false)
    {
        _url = streamUrl;
        _index = index;
        _likeBrowser = likeBrowser;
        _wire = recordWire ? [] : null;
    }

    public static Uri StreamUrl(Uri baseAddress, int interviewId) =>
        new(baseAddress, $"api/v1/interviews/{interviewId.ToString(CultureInfo.InvariantCulture)}/events");

    public bool Closed => !_connected;

    /// <summary>Times the stream ended or broke under it.</summary>
    public int Drops { get; private set; }

    /// <summary>Times it connected again after a drop.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Attempts to reconnect that failed (the server not listening yet, or refusing).</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>When (Stopwatch timestamp) the stream last opened (the 200 with its headers).</summary>
    public long ConnectedAt { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Opens the stream: connect, request, the response's head. The bytes after the head go to the decoder.</summary>
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var host = IPAddress.Parse(_url.Host);
            if (IPAddress.IsLoopback(host))
            {
                socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + _index % LoopbackSources)]), 0));
            }
            await socket.ConnectAsync(new IPEndPoint(host, _url.Port), timeout.Token);
            await socket.SendAsync(Request(), SocketFlags.None, timeout.Token);
            var head = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                var length = 0;
                int end;
                while ((end = head.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (length == head.Length)
                    {
                        throw new InvalidOperationException("the response head is larger than 8 KB");
                    }
                    var read = await socket.ReceiveAsync(head.AsMemory(length), SocketFlags.None, timeout.Token);
                    if (read == 0)
                    {
                        throw new InvalidOperationException("the server closed the connection before answering");
                    }
                    length += read;
                }
                var decoder = new SseDecoder(ParseHead(Encoding.ASCII.GetString(head, 0, end)), OnEvent);
                _now = Stopwatch.GetTimestamp();
                decoder.Feed(head.AsSpan(end + 4, length - end - 4));
                _decoder = decoder;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(head);
            }
            _socket = socket;
            ConnectedAt = Stopwatch.GetTimestamp();
            _connected = true;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private byte[] Request()
    {
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GET {_url.PathAndQuery} HTTP/1.1\r\nHost: {_url.Authority}\r\n")
            .Append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        if (_likeBrowser)
        {
            // What Chromium's EventSource sends (no Origin on a same-origin GET); the server may keep it per viewer.
            foreach (var (name, value) in Viewer.BrowserHeaders.Where(h => h.Key != "Cache-Control" && h.Key != "Pragma"))
            {
                request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }
        }
        if (_lastEventId is not null)
        {
            request.Append(CultureInfo.InvariantCulture, $"Last-Event-ID: {_lastEventId}\r\n");
        }
        return Encoding.UTF8.GetBytes(request.Append("\r\n").ToString());
    }

    /// <summary>Checks the status and the content type; true when the body is chunked.</summary>
    private static bool ParseHead(string head)
    {
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ');
        if (status.Length < 2 || status[1] != "200")
        {
            throw new InvalidOperationException($"the stream answered {lines[0]}");
        }
        var chunked = false;
        var eventStream = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                eventStream = value.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) && value != "identity")
            {
                throw new InvalidOperationException($"the stream is compressed ({value}): this viewer reads plain event streams");
            }
        }
        return eventStream ? chunked : throw new InvalidOperationException("the stream's Content-Type is not text/event-stream");
    }

    /// <summary>Reads the open stream; when it ends, reconnects as EventSource does, until disposed.</summary>
    private async Task RunAsync()
    {
        while (!_disposed)
        {
            try
            {
                await ReadAsync(_socket!, _decoder!);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or FormatException or IOException)
            {
            }
            _connected = false;
            _socket?.Dispose();
            if (_disposed)
            {
                return;
            }
            Drops++;
            while (!_disposed)
            {
                try
                {
                    // EventSource waits the server's retry: as given (the server spreads a crowd by giving each its own);
                    // without one, 1 s spread over another second here.
                    await Task.Delay(TimeSpan.FromMilliseconds(_retry ?? 1000 + Random.Shared.Next(1000)), _stop.Token);
                    await OpenAsync(_stop.Token);
                    Reconnects++;
                    break;
                }
                catch (Exception e) when (e is SocketException or InvalidOperationException or OperationCanceledException or IOException)
                {
                    FailedAttempts++;
                }
            }
        }
    }

    private async Task ReadAsync(Socket socket, SseDecoder decoder)
    {
        while (!_disposed)
        {
            // Wait for bytes without a buffer, then rent one: idle viewers hold none.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }
                _now = Stopwatch.GetTimestamp();
                decoder.Feed(buffer.AsSpan(0, read));
                _lastEventId = decoder.LastEventId ?? _lastEventId;
                _retry = decoder.RetryMilliseconds ?? _retry;
                if (decoder.Ended)
                {
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private void OnEvent(SseEvent e)
    {
        if (e.Type != "entry" || Seq(e.Data.Span) is not { } seq)
        {
            return;
        }
        lock (_gate)
        {
            _entries[seq] = _entries.TryGetValue(seq, out var seen) ? (seen.First, seen.Count + 1) : (_now, 1);
            _wire?.Add((e.WireBytes, e.Data.Length, e.DataText));
        }
    }

    /// <summary>The entry's seq: the top-level "seq" of its JSON.</summary>
    internal static int? Seq(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSeq = reader.ValueTextEquals("seq"u8);
            reader.Read();
            if (isSeq && reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetInt32();
            }
            reader.Skip();
        }
        return null;
    }

    public int Duplicates
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.Sum(e => e.Count - 1);
            }
        }
    }

    /// <summary>How many `entry` events came for this seq.</summary>
    public int CountFor(int seq)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(seq, out var e) ? e.Count : 0;
        }
    }

    public int CountOf(IReadOnlyCollection<int> seqs)
    {
        lock (_gate)
        {
            return seqs.Count(_entries.ContainsKey);
        }
    }

    public bool TryGet(int seq, out long at)
    {
        lock (_gate)
        {
            var found = _entries.TryGetValue(seq, out var e);
            at = e.First;
            return found;
        }
    }

    public int CountForeign(IReadOnlySet<int> published)
    {
        lock (_gate)
        {
            return _entries.Keys.Count(s => !published.Contains(s));
        }
    }

    /// <summary>With recordWire: every entry event's bytes on the wire, its data's bytes and its data.</summary>
    public IReadOnlyList<(int Wire, int Data, string Sample)> WireSizes
    {
        get
        {
            lock (_gate)
            {
                return [.. _wire ?? []];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _stop.CancelAsync();
        _socket?.Dispose();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
