using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Interview.Tests.Hosting;

/// <summary>One line per request (README "Operations"): what an operator needs, and nothing personal.</summary>
public sealed class RequestLogTests(RequestLogTests.Site site) : IClassFixture<RequestLogTests.Site>
{
    public sealed class Site : InterviewFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(CapturedLog.AddTo);
        }
    }

    [Fact]
    public async Task ARequestIsLoggedByItsRouteWithoutThePathTheQueryOrTheClientsAddress()
    {
        const string Citizen = "198.51.100.77";
        var live = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateDefaultClient(new ClientAddress(Citizen));
        var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{live}/questions", new { nickname = "市民", text = "日志里不该有我的号码", phone = "13800138000" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var receipt = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/receipts/{receipt}?phone=13800138000")).StatusCode);

        var lines = CapturedLog.Of(site.Services).Entries
            .Where(e => e.Category == typeof(InterviewMetricsRequests).FullName).Select(e => e.Text).ToList();
        Assert.Contains(lines, l => l.Contains("HTTP POST /api/v1/interviews/{id:int}/questions 202 in ", StringComparison.Ordinal));
        var receiptLine = Assert.Single(lines, l => l.Contains("HTTP GET /receipts/{Receipt} 200 in ", StringComparison.Ordinal));
        Assert.Matches(@" ms \(request [^)]+\)", receiptLine);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(receipt, line, StringComparison.Ordinal);
            Assert.DoesNotContain("13800138000", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Citizen, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheEventStreamsOwnBranchStillLogsItsRoute()
    {
        using var client = site.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/v1/interviews/999999/events");
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/interviews/999999/events")).StatusCode);

        var lines = CapturedLog.Of(site.Services).Entries
            .Where(e => e.Category == typeof(InterviewMetricsRequests).FullName).Select(e => e.Text).ToList();
        Assert.Contains(lines, l => l.Contains("HTTP GET /api/v1/interviews/{id:int}/events 403 in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("HTTP GET /api/v1/interviews/{id:int}/events 404 in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbesAreLoggedAtDebugSoTheyDoNotBuryTheRest()
    {
        using var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/columns")).StatusCode);

        // The site logs at Information and up (appsettings.json): the probes' Debug lines never reach the console.
        var requests = CapturedLog.Of(site.Services).Entries.Where(e => e.Category == typeof(InterviewMetricsRequests).FullName).ToList();
        Assert.Contains(requests, e => e.Level == LogLevel.Information && e.Text.Contains("HTTP GET /api/v1/columns 200", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, e => e.Level >= LogLevel.Information && (e.Text.Contains("/healthz", StringComparison.Ordinal) || e.Text.Contains("/metrics", StringComparison.Ordinal)));
    }
}
