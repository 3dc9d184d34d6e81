using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Web;

/// <summary>
/// Behind nginx: X-Forwarded-For/Proto/Host count only from the configured proxies (an address and a network here),
/// so per-citizen limits and Secure cookies work, and nobody else can choose their own address or scheme.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyTests.Site site) : IClassFixture<ReverseProxyTests.Site>
{
    private const string Proxy = "10.0.0.1";
    private const string ProxyInNetwork = "10.1.2.3";
    private const string Stranger = "198.51.100.9";

    public sealed class Site : InterviewFactory
    {
        public Site()
        {
            With("Interview:Security:TrustedProxies:0", Proxy);
            With("Interview:Security:TrustedProxies:1", "10.1.0.0/16");
            With("Interview:Limits:QuestionsPerClientPerMinute", "1");
        }
    }

    [Theory]
    [InlineData(Proxy, "203.0.113.1", "203.0.113.2")]
    [InlineData(ProxyInNetwork, "203.0.113.3", "203.0.113.4")]
    public async Task BehindATrustedProxyTwoCitizensAreTwoForTheQuestionLimit(string proxy, string citizen, string neighbour)
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = Through(proxy);

        var first = await AskAsync(client, id, citizen);
        var again = await AskAsync(client, id, citizen);
        // A client's own X-Forwarded-For entry, left of what nginx appends, is not read.
        var other = await AskAsync(client, id, $"{citizen}, {neighbour}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task FromAnUntrustedAddressForwardedHeadersAreIgnored()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = Through(Stranger);

        var first = await AskAsync(client, id, "203.0.113.10");
        var pretending = await AskAsync(client, id, "203.0.113.11");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, pretending.StatusCode);
    }

    [Fact]
    public async Task HttpsReportedByATrustedProxyMakesCookiesSecureAndSendsHsts()
    {
        var id = await site.DemoInterviewIdAsync("live");

        var proxied = await PageAsync(Proxy, id);
        var forged = await PageAsync(Stranger, id);

        Assert.Contains("secure", AntiforgeryCookie(proxied), StringComparison.OrdinalIgnoreCase);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", AntiforgeryCookie(forged), StringComparison.OrdinalIgnoreCase);
        Assert.False(forged.Headers.Contains("Strict-Transport-Security"));
    }

    private HttpClient Through(string address) => site.CreateDefaultClient(new ClientAddress(address));

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, int id, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/interviews/{id}/questions")
        {
            Content = JsonContent.Create(new { nickname = "网友", text = $"提问 {Guid.NewGuid():N}" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PageAsync(string from, int id)
    {
        using var client = Through(from);
        // The ask page: it has a form with a token, so it sets the antiforgery cookie (the session page, shared by caches, does not).
        var request = new HttpRequestMessage(HttpMethod.Get, $"/interviews/{id}/ask");
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");
        request.Headers.Add("X-Forwarded-Proto", "https");
        // HSTS is never sent for localhost; the public name comes from the proxy too.
        request.Headers.Add("X-Forwarded-Host", "ft.example.gov.cn");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
}
