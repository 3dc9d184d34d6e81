using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Interview.Tests.Support;

/// <summary>One server-sent event as it came: its cursor, name, data and size on the wire (framing included).</summary>
public sealed record StreamEvent(string? Id, string Name, string Data, int Bytes)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// A viewer of the public event stream (GET /api/v1/interviews/{id}/events) over real HTTP: it parses events as they
/// arrive (before the response ends), and counts keep-alive comments.
/// </summary>
public sealed class StreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _comments;

    private StreamClient(HttpClient http) => _http = http;

    public ConcurrentQueue<StreamEvent> Events { get; } = new();
    public HttpStatusCode Status { get; private set; }
    public HttpResponseMessage? Response { get; private set; }
    public int Comments => Volatile.Read(ref _comments);
    public bool Ended => _reading.IsCompleted;

    public IEnumerable<StreamEvent> Named(string name) => Events.Where(e => e.Name == name);

    /// <summary>The entries' seqs in the order they came.</summary>
    public List<int> Seqs => [.. Named("entry").Select(e => e.Json.GetProperty("seq").GetInt32())];

    /// <summary>The last cursor received (what EventSource would send as Last-Event-ID).</summary>
    public string? LastId => Events.LastOrDefault(e => e.Id is not null)?.Id;

    /// <param name="query">e.g. "?after=3" or "?afterSeq=2"; empty for a first connection.</param>
    public static Task<StreamClient> OpenAsync(Uri site, int interviewId, string query = "", string? lastEventId = null, string? origin = null) =>
        OpenAsync(new HttpClient { BaseAddress = site, Timeout = Timeout.InfiniteTimeSpan }, interviewId, query, lastEventId, origin);

    /// <summary>Through a client of the caller's (a test server's); the stream owns and disposes it.</summary>
    public static async Task<StreamClient> OpenAsync(HttpClient http, int interviewId, string query = "", string? lastEventId = null, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var client = new StreamClient(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/interviews/{interviewId}/events{query}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        client.Response = response;
        client.Status = response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            // The reader is made here, not in the task: a stream disposed at once must not find its body gone first.
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            client._reading = Task.Run(() => client.ReadAsync(reader));
        }
        return client;
    }

    private async Task ReadAsync(StreamReader reader)
    {
        using var owned = reader;
        string? id = null, name = null;
        var data = new StringBuilder();
        var bytes = 0;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                bytes += Encoding.UTF8.GetByteCount(line) + 1;
                if (line.Length == 0)
                {
                    if (name is not null || data.Length > 0)
                    {
                        Events.Enqueue(new StreamEvent(id, name ?? "message", data.ToString(), bytes));
                    }
                    (id, name, bytes) = (null, null, 0);
                    data.Clear();
                }
                else if (line.StartsWith(':'))
                {
                    Interlocked.Increment(ref _comments);
                    bytes = -1;
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
                else if (line.StartsWith("retry: ", StringComparison.Ordinal))
                {
                    bytes = -1;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by the test or the server.
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (30 s at most).</summary>
    public Task EventuallyAsync(Func<StreamClient, bool> condition, string what) => LiveClient.EventuallyAsync(() => condition(this), what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response?.Dispose();
        await _reading;
        _http.Dispose();
        _stop.Dispose();
    }
}
