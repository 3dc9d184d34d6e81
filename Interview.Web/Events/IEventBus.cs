using Interview.Web.Live;

namespace Interview.Web.Events;

/// <summary>
/// The one way news of a committed change travels (STYLE.md #3): services announce after their transaction commits;
/// the consoles, the hub relay and the public streams listen. One instance uses the in-process bus
/// (<see cref="LiveNotifier"/>); with Redis configured every instance hears what any instance announced.
/// </summary>
public interface IEventBus
{
    /// <summary>Announces a change that is already committed, to the listeners of every instance.</summary>
    Task PublishAsync(LiveEvent liveEvent);

    /// <summary>Listens to one session's events (every session's when <paramref name="interviewId"/> is null), from every instance.</summary>
    IDisposable Subscribe(int? interviewId, Func<LiveEvent, Task> handler);

    /// <summary>
    /// Listens only to the events announced by this instance: for the hub relay, whose sends the SignalR backplane
    /// already carries to the viewers connected to other instances (hearing theirs too would send every entry twice).
    /// </summary>
    IDisposable SubscribeLocal(int? interviewId, Func<LiveEvent, Task> handler);
}
