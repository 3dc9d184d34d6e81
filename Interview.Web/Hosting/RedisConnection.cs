using StackExchange.Redis;

namespace Interview.Web.Hosting;

/// <summary>
/// This instance's one connection to Redis (<c>Interview:Redis:Configuration</c>), shared by the event bus, the question
/// limits, the word-list invalidation and the health check; the hub backplane keeps a connection of its own, so that
/// its subscriptions and ours do not wait on each other.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    /// <summary>Every key and channel this product uses starts with this, so one Redis can serve other things too.</summary>
    public const string Prefix = "interview:";

    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start with Redis down rather than not start: pages need only the database; the client reconnects by itself.
        options.AbortOnConnectFail = false;
        // While Redis is away, fail at once so that each caller falls back to what one instance can do (local limits,
        // local listeners) instead of every question waiting for a timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= $"interview-{Environment.MachineName}";
        _multiplexer = ConnectionMultiplexer.Connect(options);
        if (!_multiplexer.IsConnected)
        {
            logger.LogWarning("Redis at {Endpoints} is not reachable; this instance runs on its own until it is.",
                string.Join(", ", options.EndPoints));
        }
        _multiplexer.ConnectionFailed += (_, e) =>
            logger.LogWarning(e.Exception, "Lost Redis ({FailureType}); events, limits and word lists are per instance until it returns.", e.FailureType);
        _multiplexer.ConnectionRestored += (_, _) => logger.LogInformation("Redis is back.");
    }

    /// <summary>An id for this process, so that an instance can tell its own messages from the others'.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public bool IsConnected => _multiplexer.IsConnected;

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    /// <summary>Raised when the connection comes back, so that caches can forget what they may have missed meanwhile.</summary>
    public event EventHandler<ConnectionFailedEventArgs> Restored
    {
        add => _multiplexer.ConnectionRestored += value;
        remove => _multiplexer.ConnectionRestored -= value;
    }

    public static RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    public void Dispose() => _multiplexer.Dispose();
}
