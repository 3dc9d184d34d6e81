namespace Interview.Domain.Interviews;

/// <summary>
/// The studio's big screen (大屏) and broadcast overlay of one session: reached by a read-only link whose token only
/// its hash is kept of (a new link ends the old one; revoking ends it), and what the host has put on it. By default the
/// screen follows the session (the question last put to the guests, the latest answer); the host may pin an approved
/// question instead, or clear the pin.
/// </summary>
public sealed class StudioScreen : Entity
{
    private StudioScreen()
    {
    }

    public int InterviewId { get; private set; }
    /// <summary>SHA-256 of the link's token, hex; null when the link was revoked.</summary>
    public string? TokenHash { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    /// <summary>The approved question the host put on screen, or null to follow the session.</summary>
    public int? PinnedQuestionId { get; private set; }

    public static StudioScreen For(int interviewId) => new() { InterviewId = interviewId };

    public bool HasLink => TokenHash is not null;

    /// <summary>A new link: the previous one stops working.</summary>
    public void NewLink(string tokenHash, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        TokenHash = tokenHash;
        Changed(by, now);
    }

    public void Revoke(string by, DateTimeOffset now)
    {
        TokenHash = null;
        Changed(by, now);
    }

    /// <summary>Puts an approved question on screen, or (null) goes back to following the session.</summary>
    public void Pin(int? questionId, string by, DateTimeOffset now)
    {
        PinnedQuestionId = questionId;
        Changed(by, now);
        AddDomainEvent(new ScreenPinned(this));
    }

    private void Changed(string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ChangedBy = by;
        ChangedAt = now;
    }
}

/// <summary>The host changed what the studio screen shows.</summary>
public sealed record ScreenPinned(StudioScreen Screen) : IDomainEvent;
