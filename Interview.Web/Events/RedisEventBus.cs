using System.Text.Json;
using Interview.Web.Hosting;
using Interview.Web.Live;
using StackExchange.Redis;

namespace Interview.Web.Events;

/// <summary>
/// The event bus across instances: an event is handed to this instance's listeners at once, then published on one Redis
/// channel; each other instance hands what it receives to its <see cref="Subscribe"/> listeners (never to the
/// <see cref="SubscribeLocal"/> ones: the hub relay, whose sends the SignalR backplane already fans out). An instance
/// ignores its own messages coming back. Redis channels keep one publisher's order, so a console on another instance
/// sees one instance's events in the order they were announced. With Redis down, this instance's listeners still hear
/// everything announced here; the others miss it (consoles reload what they show on the next event or a refresh).
/// </summary>
public sealed class RedisEventBus : IEventBus
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly RedisChannel Channel = RedisConnection.Channel("events");

    private readonly LiveNotifier _everyInstance;
    private readonly LiveNotifier _thisInstanceOnly;
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisEventBus> _logger;

    public RedisEventBus(RedisConnection redis, ILoggerFactory loggers)
    {
        _redis = redis;
        _logger = loggers.CreateLogger<RedisEventBus>();
        _everyInstance = new LiveNotifier(loggers.CreateLogger<LiveNotifier>());
        _thisInstanceOnly = new LiveNotifier(loggers.CreateLogger<LiveNotifier>());
        redis.Subscribe(Channel, ReceiveAsync);
    }

    public IDisposable Subscribe(int? interviewId, Func<LiveEvent, Task> handler) => _everyInstance.Subscribe(interviewId, handler);

    public IDisposable SubscribeLocal(int? interviewId, Func<LiveEvent, Task> handler) => _thisInstanceOnly.Subscribe(interviewId, handler);

    public async Task PublishAsync(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        await Task.WhenAll(_everyInstance.PublishAsync(liveEvent), _thisInstanceOnly.PublishAsync(liveEvent));
        try
        {
            await _redis.Subscriber.PublishAsync(Channel, Serialize(_redis.InstanceId, liveEvent));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or NotSupportedException)
        {
            // The change is committed and this instance's listeners have it: the caller must not fail over the rest.
            _logger.LogWarning(e, "Could not pass a {Event} for session {InterviewId} to the other instances.",
                liveEvent.GetType().Name, liveEvent.InterviewId);
        }
    }

    /// <summary>The message on the channel: the sending instance and the event with its type name.</summary>
    internal static string Serialize(string origin, LiveEvent liveEvent) => JsonSerializer.Serialize(new Envelope(origin, liveEvent), Json);

    internal static (string Origin, LiveEvent Event) Deserialize(string message)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(message, Json) ?? throw new JsonException("An empty event message.");
        return (envelope.Origin, envelope.Event);
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var (origin, liveEvent) = Deserialize(message.Message.ToString());
            if (origin != _redis.InstanceId)
            {
                await _everyInstance.PublishAsync(liveEvent);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // An instance of a newer version announcing an event this one does not know (during a rolling upgrade).
            _logger.LogWarning(e, "Ignored an event message this instance cannot read.");
        }
    }

    private sealed record Envelope(string Origin, LiveEvent Event);
}
