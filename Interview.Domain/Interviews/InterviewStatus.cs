namespace Interview.Domain.Interviews;

/// <summary>
/// Draft → Scheduled (预告) → Live (直播中) → Ended (会后) → Published (实录); Cancelled only before Live.
/// </summary>
public enum InterviewStatus
{
    Draft,
    Scheduled,
    Live,
    Ended,
    Published,
    Cancelled,
}

public static class InterviewStatusExtensions
{
    /// <summary>Whether the public may see a session in this state at all.</summary>
    public static bool IsPublic(this InterviewStatus status) => status is not InterviewStatus.Draft;

    /// <summary>Whether the session has a transcript to show.</summary>
    public static bool HasTranscript(this InterviewStatus status) =>
        status is InterviewStatus.Live or InterviewStatus.Ended or InterviewStatus.Published;

    /// <summary>Whether citizens may ask questions: from the preview until the session ends.</summary>
    public static bool AcceptsQuestions(this InterviewStatus status) =>
        status is InterviewStatus.Scheduled or InterviewStatus.Live;

    /// <summary>Whether the session's time may still change: until it goes live.</summary>
    public static bool CanReschedule(this InterviewStatus status) =>
        status is InterviewStatus.Draft or InterviewStatus.Scheduled;

    /// <summary>Whether what the typist sends now is a follow-up answer (会后答复): once the session has ended.</summary>
    public static bool TakesFollowUps(this InterviewStatus status) =>
        status is InterviewStatus.Ended or InterviewStatus.Published;

    /// <summary>
    /// Whether the public reads the summary (访谈摘要) rather than the background (访谈背景): once the session is over.
    /// Until a summary is written, an ended session keeps showing its background.
    /// </summary>
    public static bool ShowsSummary(this InterviewStatus status) =>
        status is InterviewStatus.Ended or InterviewStatus.Published;
}
