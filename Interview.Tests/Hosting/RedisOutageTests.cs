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
        var probe = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.StatusCode);
        Assert.Equal("unhealthy: redis\n", await probe.Content.ReadAsStringAsync());

        await sites.Redis.StartAsync();

        await TwoInstances.EventuallyAsync(async () => await RedisHealthAsync(a) == HealthStatus.Healthy, "A to reconnect");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
        await TwoInstances.EventuallyAsync(async () =>
        {
            await a.Services.GetRequiredService<IEventBus>().PublishAsync(new DraftsChanged(900_101));
            return heardOnB.Contains(900_101);
        }, "events from A to reach B again");
    }

    [Fact]
    public async Task AnInstanceStartedWhileRedisIsDownServesPagesAndJoinsTheOthersWhenRedisComes()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        await redis.StopAsync();
        try
        {
            await using var early = sites.Instance(redis.Configuration);
            using var browser = early.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
            Assert.Equal(HealthStatus.Unhealthy, await RedisHealthAsync(early));
            var id = await early.DemoInterviewIdAsync("live");
            // The hub's backplane needs Redis: a viewer arriving now is turned away (and its page retries).
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var turnedAway = await LiveClient.ConnectAsync(early);
                await turnedAway.JoinAsync(id, 0);
            });

            await redis.StartAsync();
            await TwoInstances.EventuallyAsync(async () => await RedisHealthAsync(early) == HealthStatus.Healthy, "the early instance to connect");
            await using var late = sites.Instance(redis.Configuration);
            var heard = new ConcurrentQueue<int>();
            using var subscription = early.Services.GetRequiredService<IEventBus>().Subscribe(null, e =>
            {
                heard.Enqueue(e.InterviewId);
                return Task.CompletedTask;
            });
            await TwoInstances.EventuallyAsync(async () =>
            {
                await late.Services.GetRequiredService<IEventBus>().PublishAsync(new DraftsChanged(900_201));
                return heard.Contains(900_201);
            }, "the early instance to hear the late one");
            // Once, not twice: the subscription made late is the only one.
            var bus = late.Services.GetRequiredService<IEventBus>();
            await bus.PublishAsync(new DraftsChanged(900_202));
            await bus.PublishAsync(new DraftsChanged(900_203));
            await LiveClient.EventuallyAsync(() => heard.Contains(900_203), "the fence event");
            Assert.Single(heard, i => i == 900_202);

            // The hub first used during the outage works once Redis is back: an entry sent on the late instance
            // reaches a viewer of the early one.
            await using var viewer = await LiveClient.ConnectAsync(early);
            var latest = (await viewer.JoinAsync(id, 0)).Select(e => e.GetProperty("seq").GetInt32()).DefaultIfEmpty(0).Max();
            await bus.PublishAsync(new EntryPublished(id, new Interview.Web.Public.EntryView(id, latest + 1,
                Interview.Domain.Interviews.EntryKind.Host, "主持人", "<p>恢复</p>", "恢复", Builders.Now, null, null, [])));
            await LiveClient.EventuallyAsync(() => viewer.Entries.Any(e => e.GetProperty("seq").GetInt32() == latest + 1), "the entry sent after the outage");
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    private static async Task<HealthStatus> RedisHealthAsync(StaffSite site)
    {
        var report = await site.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "redis");
        return report.Entries["redis"].Status;
    }
}
