using System.Text.Json.Serialization;
using Interview.Domain.Interviews;
using Interview.Web.Events;
using Interview.Web.Public;

namespace Interview.Web.Live;

/// <summary>
/// Something the live audience or the consoles should hear about, after it was saved. With Redis, events travel between
/// instances as JSON named by the discriminator below: a new event record needs its line here (a test holds every
/// subclass to it; an unlisted one is refused by the serializer and stays on its own instance).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(EntryPublished), "entryPublished")]
[JsonDerivedType(typeof(StatusChanged), "statusChanged")]
[JsonDerivedType(typeof(QuestionApproved), "questionApproved")]
[JsonDerivedType(typeof(DeskChanged), "deskChanged")]
[JsonDerivedType(typeof(QuestionsChanged), "questionsChanged")]
[JsonDerivedType(typeof(DraftsChanged), "draftsChanged")]
[JsonDerivedType(typeof(ScreenChanged), "screenChanged")]
public abstract record LiveEvent(int InterviewId);

/// <summary>A transcript entry was published, or corrected (same seq).</summary>
public sealed record EntryPublished(int InterviewId, EntryView Entry) : LiveEvent(InterviewId);

public sealed record StatusChanged(int InterviewId, InterviewStatus Status) : LiveEvent(InterviewId);

/// <summary>A citizen's question was approved for the public question list.</summary>
public sealed record QuestionApproved(int InterviewId, int QuestionId, string Nickname, string Text) : LiveEvent(InterviewId);

/// <summary>Something only the consoles show changed: a question marked answered, the review switch.</summary>
public sealed record DeskChanged(int InterviewId) : LiveEvent(InterviewId);

/// <summary>
/// The moderation queue changed: a question arrived, or one was approved, rejected, merged, edited or blocked. Moderator
/// consoles refresh; the public hears nothing of it.
/// </summary>
public sealed record QuestionsChanged(int InterviewId) : LiveEvent(InterviewId);

/// <summary>Drafts awaiting review changed (submitted, approved, sent back): reviewer and typist consoles refresh.</summary>
public sealed record DraftsChanged(int InterviewId) : LiveEvent(InterviewId);

/// <summary>
/// The in-process event bus: services publish after their transaction commits; the public hub relay and the staff
/// consoles subscribe (STYLE.md #2, #3). On one instance every event is local, so both kinds of subscription hear all.
/// </summary>
public sealed class LiveNotifier(ILogger<LiveNotifier> logger) : IEventBus
{
    private readonly Lock _gate = new();
    private ImmutableSubscriptions _subscriptions = new([]);

    /// <summary>Listens to one session's events, or to every session's when <paramref name="interviewId"/> is null.</summary>
    public IDisposable Subscribe(int? interviewId, Func<LiveEvent, Task> handler)
    {
        var subscription = new Subscription(this, interviewId, handler);
        lock (_gate)
        {
            _subscriptions = new([.. _subscriptions.Items, subscription]);
        }
        return subscription;
    }

    public IDisposable SubscribeLocal(int? interviewId, Func<LiveEvent, Task> handler) => Subscribe(interviewId, handler);

    /// <summary>Tells every listener of the session at once, so a slow console does not hold up the others.</summary>
    public Task PublishAsync(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        return Task.WhenAll(_subscriptions.Items
            .Where(s => s.InterviewId is null || s.InterviewId == liveEvent.InterviewId)
            .Select(s => DeliverAsync(s, liveEvent)));
    }

    private async Task DeliverAsync(Subscription subscription, LiveEvent liveEvent)
    {
        try
        {
            await subscription.Handler(liveEvent);
        }
        catch (Exception e)
        {
            // One broken listener (a closed console) must not keep the event from the others.
            logger.LogWarning(e, "A live event listener failed for session {InterviewId}.", liveEvent.InterviewId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = new([.. _subscriptions.Items.Where(s => !ReferenceEquals(s, subscription))]);
        }
    }

    private sealed record ImmutableSubscriptions(Subscription[] Items);

    private sealed class Subscription(LiveNotifier owner, int? interviewId, Func<LiveEvent, Task> handler) : IDisposable
    {
        public int? InterviewId { get; } = interviewId;
        public Func<LiveEvent, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}

/// <summary>The host put another question on the studio screen (or went back to following the session): screens refetch.</summary>
public sealed record ScreenChanged(int InterviewId) : LiveEvent(InterviewId);
