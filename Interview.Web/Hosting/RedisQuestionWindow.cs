using Interview.Web.Questions;
using StackExchange.Redis;

namespace Interview.Web.Hosting;

/// <summary>
/// Questions per client per minute, counted in Redis for every instance: one script counts and starts the minute in
/// one step (INCR, then PEXPIRE on the first question), so no two instances can both let the last allowed one through
/// and no key outlives its minute. When Redis cannot be reached it answers null and the limiter counts locally.
/// </summary>
public sealed class RedisQuestionWindow(RedisConnection redis, ILogger<RedisQuestionWindow> logger) : ISharedQuestionWindow
{
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    private static readonly long WindowMilliseconds = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
    private int _degraded;

    public async Task<bool?> TryTakeAsync(string clientKey, int perMinute)
    {
        if (!redis.IsConnected)
        {
            return Degraded(null);
        }
        try
        {
            var count = (long)await redis.Database.ScriptEvaluateAsync(
                CountScript, [new RedisKey($"{RedisConnection.Prefix}questions:{clientKey}")], [WindowMilliseconds]);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                logger.LogInformation("Question limits are shared through Redis again.");
            }
            return count <= perMinute;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Degraded(e);
        }
    }

    /// <summary>Says once per outage that limits are per instance now, not on every question.</summary>
    private bool? Degraded(Exception? cause)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            logger.LogWarning(cause, "Redis unreachable: question limits are counted by each instance on its own until it returns.");
        }
        return null;
    }
}
