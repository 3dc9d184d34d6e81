namespace Interview.Domain.Questions;

/// <summary>
/// A client a moderator has barred from asking in one session (a flood, abuse), or an admin in every session (全站:
/// <see cref="InterviewId"/> null, a sender abusive everywhere); keyed like <see cref="Question.ClientKey"/>.
/// </summary>
public sealed class ClientBlock : Entity
{
    public const int MaxReasonLength = 200;

    private ClientBlock()
    {
    }

    public int Id { get; private set; }
    /// <summary>The session the block holds in; null for a block in every session.</summary>
    public int? InterviewId { get; private set; }
    public bool IsGlobal => InterviewId is null;
    public string ClientKey { get; private set; } = "";
    public string BlockedBy { get; private set; } = "";
    public DateTimeOffset BlockedAt { get; private set; }
    public string? Reason { get; private set; }

    public static ClientBlock Create(int? interviewId, string clientKey, string blockedBy, string? reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(blockedBy);
        var block = new ClientBlock
        {
            InterviewId = interviewId,
            ClientKey = clientKey,
            BlockedBy = blockedBy,
            BlockedAt = now,
            Reason = Guard.OptionalText(reason, ErrorCodes.FieldBlockReason, MaxReasonLength),
        };
        block.AddDomainEvent(new SenderBlocked(block));
        return block;
    }
}
