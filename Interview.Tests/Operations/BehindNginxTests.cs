using System.Net;
using System.Text.Json;
using Interview.Tests.Support.Servers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Tests.Operations;

/// <summary>
/// Two instances of the built site, each a process of its own, behind Debian's nginx running the shipped
/// deploy/nginx/interview.conf. Each instance has its own SQLite folder here (the demo data alike in both): this proves
/// the proxying (spreading, WebSockets, health, failover), not shared state, which needs PostgreSQL and Redis.
/// </summary>
public sealed class BehindNginxTests(BehindNginxTests.TwoInstances sites) : IClassFixture<BehindNginxTests.TwoInstances>
{
    public sealed class TwoInstances : IAsyncLifetime
    {
        public SiteProcess A { get; private set; } = null!;
        public SiteProcess B { get; private set; } = null!;
        public NginxServer Nginx { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // nginx is the proxy the sites trust (README "Behind a reverse proxy").
            var settings = new Dictionary<string, string> { ["Interview__Security__TrustedProxies__0"] = "127.0.0.1" };
            var a = SiteProcess.StartAsync(settings);
            var b = SiteProcess.StartAsync(settings);
            (A, B) = (await a, await b);
            Nginx = await NginxServer.StartAsync([A.Port, B.Port]);
        }

        public async Task DisposeAsync()
        {
            if (Nginx is not null)
            {
                await Nginx.DisposeAsync();
            }
            foreach (var site in new[] { A, B }.Where(s => s is not null))
            {
                await site.DisposeAsync();
            }
        }
    }

    private const string Route = "/api/v1/interviews";

    [Fact]
    public async Task RequestsThroughNginxReachBothInstances()
    {
        using var client = new HttpClient { BaseAddress = sites.Nginx.Address };
        var (a, b) = (await CountAsync(sites.A), await CountAsync(sites.B));

        // Round robin: a few requests reach both. (Should the failover test have run just before, nginx keeps the
        // restarted instance out for its fail_timeout: the wait covers that.) Each asks a new address, so that the
        // micro-cache does not answer it in the instances' place.
        var probe = 0;
        await ServerWait.UntilAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Route}?probe={++probe}")).StatusCode);
            return await CountAsync(sites.A) > a && await CountAsync(sites.B) > b;
        }, TimeSpan.FromSeconds(60), "requests through nginx on both instances", () => sites.Nginx.Log);
    }

    [Fact]
    public async Task HealthPassesThroughAndMetricsDoNot()
    {
        using var client = new HttpClient { BaseAddress = sites.Nginx.Address };

        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy\n", await health.Content.ReadAsStringAsync());
        // The operator's Prometheus reads each instance; the public address does not serve them.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        using var direct = sites.A.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task TheLiveHubWorksOverWebSocketsThroughNginx()
    {
        var live = await LiveSessionAsync(sites.Nginx.Address);
        await using var viewer = Viewer(sites.Nginx.Address);

        await viewer.StartAsync();
        var entries = await viewer.InvokeAsync<JsonElement[]>("Join", live, 0);

        Assert.Equal(HubConnectionState.Connected, viewer.State);
        Assert.NotEmpty(entries);
        // One connection on one instance (a viewer of an earlier test may still be leaving: wait for it).
        await ServerWait.UntilAsync(async () => await ConnectionsAsync(sites.A) + await ConnectionsAsync(sites.B) == 1,
            TimeSpan.FromSeconds(30), "one hub connection in all");
    }

    [Fact]
    public async Task WhenOneInstanceIsKilledNginxServesFromTheOther()
    {
        using var client = new HttpClient { BaseAddress = sites.Nginx.Address };
        var live = await LiveSessionAsync(sites.Nginx.Address);
        sites.A.Kill();
        try
        {
            // Every request is answered: the one that finds A gone is passed on to B (proxy_next_upstream).
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            }
            await using var viewer = Viewer(sites.Nginx.Address);
            await viewer.StartAsync();
            Assert.NotEmpty(await viewer.InvokeAsync<JsonElement[]>("Join", live, 0));
            await ServerWait.UntilAsync(async () => await ConnectionsAsync(sites.B) == 1, TimeSpan.FromSeconds(30), "the viewer on B");
        }
        finally
        {
            // The same port and folder again, for the other tests of this class.
            await sites.A.StartAsync();
        }
    }

    private static HubConnection Viewer(Uri nginx) => new HubConnectionBuilder()
        .WithUrl(new Uri(nginx, "/hubs/live"), o => o.Transports = HttpTransportType.WebSockets)
        .Build();

    private static async Task<int> LiveSessionAsync(Uri site)
    {
        using var client = new HttpClient { BaseAddress = site };
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/interviews?status=live"));
        return json.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
    }

    private static async Task<double> CountAsync(SiteProcess site) =>
        (await ScrapeAsync(site)).Value("interview_http_request_duration_seconds_count", ("route", Route));

    private static async Task<double> ConnectionsAsync(SiteProcess site) =>
        (await ScrapeAsync(site)).Value("interview_live_connections");

    private static async Task<PrometheusText> ScrapeAsync(SiteProcess site)
    {
        using var client = site.CreateClient();
        return PrometheusText.Parse(await client.GetStringAsync("/metrics"));
    }
}
