using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Interview.Bench;

/// <summary>The staff API (CONTRACT.md "Staff API") as far as the benchmark needs it: sign in, open a session, publish.</summary>
internal sealed class StaffClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var json = await SendAsync(HttpMethod.Post, "api/v1/auth/login", new { email, password }, cancellationToken);
        var token = json.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException("login answered without accessToken");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Creates a session in column 1 and moves it to Live. Returns its id.</summary>
    public async Task<int> CreateLiveSessionAsync(string title, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.Now;
        var created = await SendAsync(HttpMethod.Post, "api/v1/interviews", new
        {
            columnId = 1,
            title,
            scheduledStart = now.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            scheduledEnd = now.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            guests = new[] { new { name = "张明", title = "局长", organization = "市数据资源局" } },
        }, cancellationToken);
        var id = created.GetProperty("id").GetInt32();
        await SendAsync(HttpMethod.Post, $"api/v1/interviews/{id}/transitions", new { to = "scheduled" }, cancellationToken);
        await SendAsync(HttpMethod.Post, $"api/v1/interviews/{id}/transitions", new { to = "live" }, cancellationToken);
        return id;
    }

    /// <summary>Publishes a host entry; returns its seq and the Stopwatch timestamp taken just before sending.</summary>
    public async Task<(int Seq, long SentAt, long AnsweredAt)> PublishAsync(int interviewId, string markdown, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(new { kind = "host", markdown });
        await content.LoadIntoBufferAsync(cancellationToken);
        var sentAt = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync(new Uri($"api/v1/interviews/{interviewId}/entries", UriKind.Relative), content, cancellationToken);
        var answeredAt = Stopwatch.GetTimestamp();
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST entries: {(int)response.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("seq").GetInt32(), sentAt, answeredAt);
    }

    /// <summary>Corrects a published entry (勘误): it keeps its seq and viewers receive it again.</summary>
    public Task CorrectAsync(int interviewId, int seq, string markdown, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/interviews/{interviewId}/entries/{seq}/corrections",
            new { markdown, note = "压力测试：勘误" }, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /{path}: {(int)response.StatusCode} {text}");
        }
        using var json = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return json.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
