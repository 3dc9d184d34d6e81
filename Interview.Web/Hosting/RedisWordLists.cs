using Interview.Web.Screening;
using StackExchange.Redis;

namespace Interview.Web.Hosting;

/// <summary>
/// Word-list saves reach every instance: a save here is published on a Redis channel, and a save announced by another
/// instance makes this one drop its compiled matchers, so the next question it screens uses the new words. After Redis
/// comes back from an outage the matchers are dropped too: a save may have gone unheard meanwhile.
/// </summary>
public sealed class RedisWordLists(RedisConnection redis, WordListMatchers matchers, ILogger<RedisWordLists> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisConnection.Channel("word-lists");

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
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        matchers.Saved -= Announce;
        redis.Restored -= ForgetAfterOutage;
        return Task.CompletedTask;
    }

    private void Announce()
    {
        try
        {
            // Waited for (a sub-millisecond round trip): when the save returns to the admin, Redis has passed the word on.
            redis.Subscriber.Publish(Channel, redis.InstanceId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not tell the other instances that a word list changed; they use the old words until Redis returns.");
        }
    }

    private void ForgetAfterOutage(object? sender, ConnectionFailedEventArgs e) => matchers.Forget();
}
