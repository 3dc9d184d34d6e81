using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web.Events;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Interview.Tests.Hosting;

/// <summary>Redis gone: the site keeps serving and taking questions on its own, says it is unhealthy, and recovers.</summary>
public sealed class RedisOutageTests(TwoInstances sites) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task WithRedisDownPagesAndQuestionsStillWorkOnLocalLimitsTheInstanceIsUnhealthyAndEventsCrossAgainOnItsReturn()
    {
        var (a, b) = (sites.A, sites.B);
        var id = await a.DemoInterviewIdAsync("live");
        Assert.Equal(HealthStatus.Healthy, await RedisHealthAsync(a));
        var heardOnB = new ConcurrentQueue<int>();
        using var subscription = b.Services.GetRequiredService<IEventBus>().Subscribe(null, e =>
        {
            heardOnB.Enqueue(e.InterviewId);
            return Task.CompletedTask;
        });
        var heardOnA = new ConcurrentQueue<int>();
        using var local = a.Services.GetRequiredService<IEventBus>().SubscribeLocal(null, e =>
        {
            heardOnA.Enqueue(e.InterviewId);
            return Task.CompletedTask;
        });

        await sites.Redis.StopAsync();

        using var browser = a.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/interviews/{id}")).StatusCode);
        using var citizen = a.CreateDefaultClient(new ClientAddress("10.71.0.1"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TwoInstances.QuestionsPerMinute; i++)
        {
            statuses.Add((await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "网友", text = $"断线时的第{i}个问题" })).StatusCode);
        }
        // Each question was announced (QuestionsChanged) to this instance's own listeners, Redis or not.
        await LiveClient.EventuallyAsync(() => heardOnA.Count(s => s == id) >= TwoInstances.QuestionsPerMinute, "A's own listeners");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, TwoInstances.QuestionsPerMinute), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HealthStatus.Unhealthy, await RedisHealthAsync(a));

        await sites.Redis.StartAsync();

        await TwoInstances.EventuallyAsync(async () => await RedisHealthAsync(a) == HealthStatus.Healthy, "A to reconnect");
        await TwoInstances.EventuallyAsync(async () =>
        {
            await a.Services.GetRequiredService<IEventBus>().PublishAsync(new DraftsChanged(900_101));
            return heardOnB.Contains(900_101);
        }, "events from A to reach B again");
    }

    [Fact]
    public async Task AnInstanceStartsAndServesPagesWhileRedisIsUnreachable()
    {
        // A port where nothing listens.
        await using var site = sites.Instance($"127.0.0.1:{LocalServer.FreePort()}");
        using var browser = site.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HealthStatus.Unhealthy, await RedisHealthAsync(site));
    }

    private static async Task<HealthStatus> RedisHealthAsync(StaffSite site)
    {
        var report = await site.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "redis");
        return report.Entries["redis"].Status;
    }
}
