using System.Net;
using System.Net.Sockets;
using System.Text;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Interview.Tests.Web;

/// <summary>
/// Anonymous requests never produce a 500: hundreds of malformed requests, sent as raw bytes to a real Kestrel (so
/// that nothing on the client side tidies them up), to every public route and API route of CONTRACT.md.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.Site site) : IClassFixture<MalformedRequestTests.Site>
{
    public sealed class Site : InterviewFactory, IAsyncLifetime
    {
        public Site()
        {
            // The categories that write what clients send: a binding failure quotes the value.
            With("Logging:LogLevel:Microsoft.AspNetCore.Http.RequestDelegateFactory", "Debug");
            With("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Debug");
        }

        public Uri Address { get; private set; } = default!;

        public Task InitializeAsync()
        {
            Address = StartKestrel();
            return Task.CompletedTask;
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(CapturedLog.AddTo);
        }
    }

    [Fact]
    public async Task HundredsOfMalformedRequestsGetNo5xx()
    {
        var live = await site.DemoInterviewIdAsync("live");
        var published = await site.DemoInterviewIdAsync("published");
        var requests = Requests(live, published).ToList();

        var outcomes = new List<(int Status, string What)>();
        foreach (var (what, bytes) in requests)
        {
            outcomes.Add((await SendAsync(bytes), what));
        }

        var failures = outcomes.Where(o => o.Status >= 500).Select(o => $"{o.Status} {o.What}").ToList();
        var unhandled = CapturedLog.Of(site.Services).Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Text).ToList();
        Assert.True(requests.Count >= 300, $"only {requests.Count} requests");
        // The figure for the record (issue 10 asks for it): the test output shows it on failure, the count is asserted.
        Console.WriteLine($"malformed requests: {requests.Count}, answered: {outcomes.Count(o => o.Status > 0)}, 5xx: {failures.Count}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(unhandled.Count == 0, string.Join('\n', unhandled));
        // Every request got an answer (a status line), most of them a refusal.
        Assert.DoesNotContain(outcomes, o => o.Status == 0);
    }

    [Fact]
    public async Task ALineBreakInWhatAClientSendsCannotForgeALogLine()
    {
        var log = CapturedLog.Of(site.Services);

        // A binding failure logs the value as sent: here with a line that looks like a log entry of its own.
        var marker = $"forged{Guid.NewGuid():N}";
        var status = await SendAsync(Request("GET", $"/api/v1/interviews?page=1%0D%0Afail:%20Interview.Web%5B0%5D%20{marker}"));

        Assert.Equal(400, status);
        var line = Assert.Single(log.Entries, e => e.Text.Contains(marker, StringComparison.Ordinal)).Text;
        Assert.Contains($"1\\r\\nfail: Interview.Web[0] {marker}", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', line);
    }

    private static IEnumerable<(string What, byte[] Bytes)> Requests(int live, int published)
    {
        string[] pages =
        [
            "/", "/columns/health", "/columns/x", $"/interviews/{live}", $"/interviews/{published}", $"/interviews/{live}/ask",
            "/search", "/columns/health/feed.xml", "/sitemap.xml", "/embed/columns/health", "/receipts/AAAAAAAAAAAA",
            $"/interviews/{published}/transcript.md", $"/interviews/{published}/snapshot.html", "/api/v1/columns",
            "/api/v1/interviews", $"/api/v1/interviews/{live}", $"/api/v1/interviews/{live}/entries", "/api/v1/receipts/AAAA",
            "/api/v1/search", "/openapi/v1.json", "/hubs/live/negotiate", "/account/sign-in", "/admin/audit.csv", "/accessibility",
            // CONTRACT.md routes that other work adds: fuzzed here as soon as they exist.
            "/receipts", "/healthz", $"/api/v1/interviews/{live}/events", "/api/v1/statistics",
        ];
        string[] names = ["page", "refresh", "mode", "order", "q", "column", "status", "afterSeq", "year", "org", "sort", "new", "returnUrl", "after", "code"];
        string[] values =
        [
            "abc", "-1", "0", "99999999999999999999", "%00", "%FF%FE", "%ED%A0%80", "%EF%BF%BE", "%0D%0Aforged", new string('9', 3000),
            "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd", "%", "1e5", "text&refresh=abc&page=-5&afterSeq=x",
        ];
        var n = 0;
        foreach (var page in pages)
        {
            foreach (var value in values)
            {
                var name = names[n++ % names.Length];
                yield return ($"GET {page}?{name}={value[..Math.Min(20, value.Length)]}", Request("GET", $"{page}?{name}={value}&mode=text"));
            }
        }

        // Bad JSON, wrong content types, oversized bodies to every API route that takes a body.
        string[] posts =
        [
            $"/api/v1/interviews/{live}/questions", "/api/v1/auth/login", "/api/v1/staff", "/api/v1/columns", "/api/v1/interviews",
            $"/api/v1/interviews/{live}/transitions", "/api/v1/questions/1/approve", "/api/v1/questions/1/me-too", $"/api/v1/interviews/{live}/entries",
            "/api/v1/auth/logout", $"/api/v1/interviews/{live}/screen-link", $"/api/v1/interviews/{live}/rehearsals",
        ];
        (string Type, byte[] Body)[] bodies =
        [
            ("application/json", "{"u8.ToArray()), ("application/json", "[]"u8.ToArray()), ("application/json", "null"u8.ToArray()),
            ("application/json", "{\"nickname\":1,\"text\":{\"a\":[]}}"u8.ToArray()), ("application/json", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
            ("application/json", Encoding.UTF8.GetBytes($"{{\"nickname\":\"x\",\"text\":\"{new string('问', 100_000)}\"}}")),
            ("text/plain", "hello"u8.ToArray()), ("application/xml", "<a/>"u8.ToArray()), ("multipart/form-data; boundary=x", "--y--"u8.ToArray()),
            ("application/x-www-form-urlencoded", [0x61, 0x3D, 0xFF, 0xC0, 0x26]),
        ];
        foreach (var path in posts)
        {
            foreach (var (type, body) in bodies)
            {
                yield return ($"POST {path} {type}", Request("POST", path, body, type));
            }
        }

        // The question form: invalid UTF-8, no handler, no token, too many fields, a JSON body.
        var ask = $"/interviews/{live}/ask";
        yield return ("form invalid UTF-8", Request("POST", ask, [.. "_handler=ask&nickname="u8, 0xFF, 0xFE, .. "&text="u8, 0xC3, 0x28], "application/x-www-form-urlencoded"));
        yield return ("form no handler", Request("POST", ask, "nickname=a&text=b"u8.ToArray(), "application/x-www-form-urlencoded"));
        yield return ("form many fields", Request("POST", ask, Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}=1"))), "application/x-www-form-urlencoded"));
        yield return ("form long key", Request("POST", ask, Encoding.ASCII.GetBytes(new string('k', 5000) + "=1&_handler=ask"), "application/x-www-form-urlencoded"));
        yield return ("form as json", Request("POST", ask, "{}"u8.ToArray(), "application/json"));
        yield return ("form bad multipart", Request("POST", ask, "--b\r\nContent-Disposition: form-data\r\n\r\nx"u8.ToArray(), "multipart/form-data; boundary=b"));
        foreach (var page in pages.Take(12))
        {
            yield return ($"POST {page} form", Request("POST", page, "_handler=x&a=1"u8.ToArray(), "application/x-www-form-urlencoded"));
            yield return ($"POST {page} empty", Request("POST", page));
        }

        // Odd methods.
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO", "CONNECT" })
        {
            foreach (var page in new[] { "/", $"/interviews/{live}", "/api/v1/columns", "/hubs/live/negotiate", "/no/such" })
            {
                yield return ($"{method} {page}", Request(method, page));
            }
        }

        // Path traversal and overlong paths.
        foreach (var path in new[]
                 {
                     "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/interviews/..%2f..%2fappsettings.json", "/media/../appsettings.json",
                     "/media/%2e%2e%2f%2e%2e%2finterview.db", "/_framework/..%5c..%5cweb.config", "/columns/%2e%2e", "/css/..%2f..%2fProgram.cs",
                     "/" + new string('a', 10_000), "/interviews/" + new string('9', 5_000), "/columns/" + new string('x', 60_000), "/%C0%AF", "/%ZZ",
                 })
        {
            yield return ($"GET {path[..Math.Min(40, path.Length)]}", Request("GET", path));
        }
        yield return ("raw invalid UTF-8 path", [.. "GET /interviews/"u8, 0xFF, 0xFE, .. " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8]);
        yield return ("no version", "GET /\r\n\r\n"u8.ToArray());
        yield return ("garbage", "\u0001\u0002\u0003 / HTTP/1.1\r\n\r\n"u8.ToArray());

        // Huge and odd headers.
        (string, string)[][] headerSets =
        [
            [("Cookie", new string('c', 20_000))], [("X-Big", new string('h', 40_000))], [("Accept-Language", "zz-ZZ;q=abc, *;q=-1, \u00ff")],
            [("Origin", "null")], [("Origin", "http://evil.example")], [("Host", "a b")], [("X-Forwarded-For", "not-an-ip, ::::")],
            [("X-Forwarded-Proto", "gopher")], [("If-Modified-Since", "yesterday")], [("Range", "bytes=abc-")], [("Accept-Encoding", "br;q=x, *;q=2")],
            [("Last-Event-ID", "\u00ff\u00fe")], [("Idempotency-Key", new string('k', 2000))], [("Authorization", "Bearer " + new string('a', 3000))],
            [("Authorization", "Basic ???")], [("Cookie", "interview.staff=garbage; .AspNetCore.Antiforgery.x=garbage")], [("Content-Length", "abc")],
            [("Transfer-Encoding", "chunked, gzip")],
        ];
        foreach (var headers in headerSets)
        {
            foreach (var page in new[] { "/", $"/interviews/{live}", "/api/v1/interviews", "/hubs/live/negotiate", "/css/site.css" })
            {
                yield return ($"GET {page} {headers[0].Item1}", Request(HttpMethods(page), page, null, null, headers));
            }
        }
    }

    private static string HttpMethods(string page) => page.EndsWith("negotiate", StringComparison.Ordinal) ? "POST" : "GET";

    private static byte[] Request(string method, string target, byte[]? body = null, string? type = null, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\n");
        if (!headers.Any(h => h.Name == "Host"))
        {
            head.Append("Host: localhost\r\n");
        }
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (type is not null)
        {
            head.Append("Content-Type: ").Append(type).Append("\r\n");
        }
        if (!headers.Any(h => h.Name is "Content-Length" or "Transfer-Encoding"))
        {
            head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\n");
        }
        head.Append("Connection: close\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body ?? []];
    }

    /// <summary>The status of the answer, or 0 when the connection closed without one.</summary>
    private async Task<int> SendAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, site.Address.Port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // Kestrel may answer (413, 431) and close before it has read everything; the answer is still there.
        }
        var received = new List<byte>();
        var buffer = new byte[512];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (!received.Contains((byte)'\n'))
            {
                var read = await stream.ReadAsync(buffer, patience.Token);
                if (read == 0)
                {
                    break;
                }
                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
        }
        var status = Encoding.Latin1.GetString([.. received]).Split(' ', 3);
        return status.Length >= 2 && status[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(status[1], out var code) ? code : 0;
    }
}
