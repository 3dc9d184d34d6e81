using Interview.Web.Screening;
using StackExchange.Redis;

namespace Interview.Web.Hosting;

/// <summary>
/// Word-list saves reach every instance: a save here is published on a Redis channel, and a save announced by another
/// instance makes this one drop its compiled matchers, so the next question it screens uses the new words. After Redis
/// comes back from an outage the matchers are dropped too: a save may have gone unheard meanwhile. The portal settings
/// (footer, participation rules: Portal/PortalSettings) travel the same way on a channel of their own.
/// </summary>
public sealed class RedisWordLists(
    RedisConnection redis, WordListMatchers matchers, Portal.PortalSettings portal, ILogger<RedisWordLists> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisConnection.Channel("word-lists");
    private static readonly RedisChannel PortalChannel = RedisConnection.Channel("portal-settings");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        matchers.Saved += Announce;
        redis.Restored += ForgetAfterOutage;
        redis.Subscribe(Channel, message =>
        {
            if (message.Message != redis.InstanceId)
            {
                matchers.Forget();
            }
            return Task.CompletedTask;
        });
        portal.Saved += AnnouncePortal;
        redis.Subscribe(PortalChannel, message =>
        {
            if (message.Message != redis.InstanceId)
            {
                portal.Forget();
            }
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        matchers.Saved -= Announce;
        portal.Saved -= AnnouncePortal;
        redis.Restored -= ForgetAfterOutage;
        return Task.CompletedTask;
    }

    private void Announce() => Publish(Channel, "a word list");

    private void AnnouncePortal() => Publish(PortalChannel, "the portal settings");

    private void Publish(RedisChannel channel, string what)
    {
        try
        {
            // Waited for (a sub-millisecond round trip): when the save returns to the admin, Redis has passed the word on.
            redis.Subscriber.Publish(channel, redis.InstanceId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not tell the other instances that {What} changed; they use the old values until Redis returns.", what);
        }
    }

    private void ForgetAfterOutage(object? sender, ConnectionFailedEventArgs e)
    {
        matchers.Forget();
        portal.Forget();
    }
}
