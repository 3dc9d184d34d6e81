using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.Hosting;

/// <summary>GET /metrics (README "Operations"): the operator's figures move with what happens, in Prometheus text.</summary>
public sealed class MetricsTests(MetricsTests.Site site) : IClassFixture<MetricsTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    [Fact]
    public async Task PublishingAskingAndDecidingMoveTheirCounters()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var admin = site.Client(await site.TokenAsync());
        var before = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown = "计数测试" })).StatusCode);
        var approve = await AskAsync(id, "第一个计数问题");
        var reject = await AskAsync(id, "第二个计数问题");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/questions/{approve}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/questions/{reject}/reject", new { reasonCategory = "other" })).StatusCode);
        // A decision refused because another came first is no decision.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/questions/{reject}/approve", new { })).StatusCode);

        // The relay sends after the request returns: wait for its figure, then read them all.
        await ServerWait.UntilAsync(async () => (await ScrapeAsync()).Value("interview_hub_send_seconds_count", ("message", "entry"))
            > before.Value("interview_hub_send_seconds_count", ("message", "entry")), TimeSpan.FromSeconds(30), "the hub send figure");
        var after = await ScrapeAsync();
        Assert.Equal(1, Moved("interview_entries_published_total"));
        Assert.Equal(2, Moved("interview_questions_received_total"));
        Assert.Equal(1, Moved("interview_questions_decided_total", ("decision", "approved")));
        Assert.Equal(1, Moved("interview_questions_decided_total", ("decision", "rejected")));
        Assert.Equal(1, Moved("interview_http_request_duration_seconds_count", ("route", "/api/v1/interviews/{id:int}/entries"), ("method", "POST"), ("code", "201")));
        Assert.Equal("histogram", after.Types["interview_hub_send_seconds"]);

        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
    }

    [Fact]
    public async Task ConnectedViewersFollowLiveHubConnections()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var before = (await ScrapeAsync()).Value("interview_live_connections");

        var viewer = await LiveClient.ConnectAsync(site);
        await viewer.JoinAsync(id, 0);
        Assert.Equal(before + 1, (await ScrapeAsync()).Value("interview_live_connections"));

        await viewer.DisposeAsync();
        await ServerWait.UntilAsync(async () => (await ScrapeAsync()).Value("interview_live_connections") == before,
            TimeSpan.FromSeconds(30), "the viewer to be counted out");
    }

    [Fact]
    public async Task MetricsAreServedToThisMachineOnlyAndNeverCached()
    {
        using var local = site.CreateClient();
        using var response = await local.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        // Parses, our families and the process's are there.
        var figures = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("gauge", figures.Types["interview_live_connections"]);
        Assert.Equal("counter", figures.Types["interview_entries_published_total"]);
        Assert.Contains("process_cpu_seconds_total", figures.Types.Keys);

        using var stranger = site.CreateDefaultClient(new ClientAddress("203.0.113.9"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/metrics")).StatusCode);
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var client = site.CreateClient();
        return PrometheusText.Parse(await client.GetStringAsync("/metrics"));
    }

    private async Task<int> AskAsync(int interviewId, string text)
    {
        // Each question from its own address: the per-client limit is not what this test is about.
        using var citizen = site.CreateDefaultClient(new ClientAddress($"198.51.100.{Random.Shared.Next(1, 250)}"));
        var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname = "市民", text });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using var admin = site.Client(await site.TokenAsync());
        var queue = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{interviewId}/questions?status=pending")).RootElement;
        return queue.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("text").GetString() == text).GetProperty("id").GetInt32();
    }
}
