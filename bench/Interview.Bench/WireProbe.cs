using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Interview.Bench;

/// <summary>
/// A viewer that speaks the SignalR JSON protocol over a bare WebSocket, to see the bytes: it notes the size of every
/// `entry` message as it crosses the wire (the JSON record and its 0x1E separator; the WebSocket frame header adds
/// 2–4 bytes).
/// </summary>
internal sealed class WireProbe : IEntryProbe
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(int Bytes, int PayloadBytes, int TextChars, string Sample)> _entries = [];
    private Task? _loop;

    public static async Task<WireProbe> ConnectAsync(Uri hubUrl, int interviewId, CancellationToken cancellationToken)
    {
        var probe = new WireProbe();
        var ws = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        await probe._socket.ConnectAsync(ws, cancellationToken);
        await probe.SendAsync("""{"protocol":"json","version":1}""", cancellationToken);
        await probe.SendAsync($$"""{"type":1,"invocationId":"1","target":"Join","arguments":[{{interviewId}},0]}""", cancellationToken);
        probe._loop = Task.Run(() => probe.ReceiveLoopAsync(probe._stop.Token), CancellationToken.None);
        return probe;
    }

    private Task SendAsync(string record, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        var lastPing = DateTime.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                pending.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var bytes = pending.ToArray();
                pending.SetLength(0);
                var start = 0;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] == (byte)RecordSeparator)
                    {
                        Inspect(bytes.AsSpan(start, i - start));
                        start = i + 1;
                    }
                }
                // Clients must say something within the server's client timeout (30 s by default).
                if (DateTime.UtcNow - lastPing > TimeSpan.FromSeconds(10))
                {
                    lastPing = DateTime.UtcNow;
                    await SendAsync("""{"type":6}""", cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private void Inspect(ReadOnlySpan<byte> record)
    {
        using var json = JsonDocument.Parse(record.ToArray());
        var root = json.RootElement;
        if (root.TryGetProperty("target", out var target) && target.GetString() == "entry")
        {
            var entry = root.GetProperty("arguments")[0];
            var payloadBytes = Encoding.UTF8.GetByteCount(entry.GetRawText());
            var text = entry.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            lock (_gate)
            {
                _entries.Add((record.Length + 1, payloadBytes, text.Length, Encoding.UTF8.GetString(record)));
            }
        }
    }

    public IReadOnlyList<(int Bytes, int PayloadBytes, int TextChars, string Sample)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The server's WebSocket frame header for a message of 126–65,535 bytes.</summary>
    private const int FrameHeaderBytes = 4;

    public void Print(Report report, bool judge)
    {
        var wire = Entries;
        if (wire.Count == 0)
        {
            Console.WriteLine("wire: the probe saw no entry message");
            return;
        }
        var sizes = wire.Select(w => w.Bytes).Order().ToArray();
        var sample = wire[^1];
        Console.WriteLine($"wire: entry message {sizes[sizes.Length / 2]} bytes (Entry JSON {sample.PayloadBytes} bytes, " +
            $"text {sample.TextChars} characters; WebSocket frame header +{FrameHeaderBytes} bytes), largest {sizes[^1]} bytes");
        Console.WriteLine($"  sample: {sample.Sample}");
        Transports.PrintUplink(sizes[^1] + FrameHeaderBytes);
        if (judge)
        {
            report.Check($"wire: a {sample.TextChars}-character entry is {sizes[^1]} bytes < 1 KB", sizes[^1] < 1024, true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        if (_loop is not null)
        {
            await _loop;
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}
