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
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lock _gate = new();
    private readonly List<(RedisChannel Channel, Func<ChannelMessage, Task> Handler)> _waiting = [];
    private readonly Timer _retry;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _retry = new Timer(_ => RetryWaiting(), null, Timeout.Infinite, Timeout.Infinite);
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
        _multiplexer.ConnectionRestored += (_, e) =>
        {
            logger.LogInformation("Redis is back ({ConnectionType}).", e.ConnectionType);
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                SubscribeWaiting();
            }
        };
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

    /// <summary>
    /// Hands each message on <paramref name="channel"/> to <paramref name="handler"/>, one at a time in the order
    /// published. Subscribed now or, when Redis is away (an instance started before it), as soon as it is back: the
    /// client itself renews only subscriptions that once succeeded.
    /// </summary>
    public void Subscribe(RedisChannel channel, Func<ChannelMessage, Task> handler)
    {
        lock (_gate)
        {
            if (!TrySubscribe(channel, handler))
            {
                _waiting.Add((channel, handler));
                _retry.Change(RetryEvery, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>How often a subscription still waiting is tried again once Redis answers.</summary>
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private void SubscribeWaiting()
    {
        lock (_gate)
        {
            _waiting.RemoveAll(w => TrySubscribe(w.Channel, w.Handler));
            if (_waiting.Count > 0)
            {
                _retry.Change(RetryEvery, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// The restored-connection event is not enough on its own: an attempt made right as it fires can still fail (the
    /// subscription connection not quite ready on a loaded machine), and no second event follows. So a subscription left
    /// waiting is tried again every few seconds while Redis answers, until it holds.
    /// </summary>
    private void RetryWaiting()
    {
        if (_multiplexer.IsConnected)
        {
            SubscribeWaiting();
        }
        else
        {
            lock (_gate)
            {
                if (_waiting.Count > 0)
                {
                    _retry.Change(RetryEvery, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private bool TrySubscribe(RedisChannel channel, Func<ChannelMessage, Task> handler)
    {
        try
        {
            _multiplexer.GetSubscriber().Subscribe(channel).OnMessage(handler);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A failed attempt must leave nothing behind that the client would renew too (the handler would run twice).
            try
            {
                _multiplexer.GetSubscriber().Unsubscribe(channel, null, CommandFlags.FireAndForget);
            }
            catch (RedisException)
            {
                // Nothing was registered.
            }
            _logger.LogWarning(e, "Could not subscribe to {Channel} yet; trying again when Redis is back.", channel.ToString());
            return false;
        }
    }

    public static RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    public void Dispose()
    {
        _retry.Dispose();
        _multiplexer.Dispose();
    }
}
