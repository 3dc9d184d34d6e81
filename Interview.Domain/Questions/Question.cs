using Interview.Domain.Screening;

namespace Interview.Domain.Questions;

/// <summary>
/// A citizen's question (网友提问). Nothing of it is public until a moderator approves it (先审后发); each decision is
/// taken once, and a second decision on the same question fails naming the first.
/// </summary>
public sealed class Question : Entity
{
    public const int MaxNicknameLength = 20;
    public const int MaxTextLength = 500;
    public const int MaxNoteLength = 200;

    private readonly List<QuestionFlag> _flags = [];

    private Question()
    {
    }

    public int Id { get; private set; }
    public int InterviewId { get; private set; }
    /// <summary>The opaque receipt (回执) the asker uses to look the question up.</summary>
    public string Receipt { get; private set; } = "";
    public string Nickname { get; private set; } = "";
    /// <summary>What the citizen wrote, kept unchanged even when a moderator edits the question.</summary>
    public string OriginalText { get; private set; } = "";
    /// <summary>The wording that is published once approved: the moderator's edit, or the original.</summary>
    public string Text { get; private set; } = "";
    /// <summary>An optional phone number for staff follow-up; never public.</summary>
    public string? Phone { get; private set; }
    public QuestionStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public RejectReason? RejectReason { get; private set; }
    public string? DecisionNote { get; private set; }
    public int? MergedIntoId { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>Whether the answer came after the session (会后答复) rather than live.</summary>
    public bool AnsweredLater { get; private set; }
    /// <summary>The key the asker's page sent with the question, so that a double submit makes one question.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>
    /// Who sent it, as a keyed hash of the client's address (never the address itself), so that a moderator can block
    /// a flooding or abusive client from the session.
    /// </summary>
    public string? ClientKey { get; private set; }
    /// <summary>Sensitive-word and personal-data flags found at intake; for moderators only.</summary>
    public IReadOnlyList<QuestionFlag> Flags => _flags;
    /// <summary>When an approved question left open at the end of the session is due for its 会后答复.</summary>
    public DateTimeOffset? FollowUpDueAt { get; private set; }

    public bool IsPublic => Status is QuestionStatus.Approved or QuestionStatus.Answered;

    public static Question Submit(
        int interviewId, string receipt, string nickname, string text, string? phone, DateTimeOffset now,
        string? idempotencyKey = null, string? clientKey = null, IEnumerable<QuestionFlag>? flags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt);
        var body = Guard.Text(text, ErrorCodes.FieldQuestionText, MaxTextLength);
        return new Question
        {
            InterviewId = interviewId,
            Receipt = receipt,
            Nickname = Guard.Text(nickname, ErrorCodes.FieldNickname, MaxNicknameLength),
            OriginalText = body,
            Text = body,
            Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
            Status = QuestionStatus.Pending,
            SubmittedAt = now,
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim(),
            ClientKey = string.IsNullOrWhiteSpace(clientKey) ? null : clientKey,
        }.WithFlags(flags ?? []);
    }

    private Question WithFlags(IEnumerable<QuestionFlag> flags)
    {
        _flags.AddRange(flags.Distinct());
        AddDomainEvent(new QuestionSubmitted(this));
        return this;
    }

    /// <summary>An approved question still open when the session ends becomes a follow-up, due at <paramref name="dueAt"/>.</summary>
    public void BecomeFollowUp(DateTimeOffset dueAt)
    {
        if (Status != QuestionStatus.Approved)
        {
            throw new DomainException(ErrorCodes.OnlyApprovedBecomesFollowUp);
        }
        FollowUpDueAt = dueAt;
    }

    /// <summary>
    /// Approves the question for publication. Personal data (mobile and ID numbers, e-mail addresses) in the published
    /// text and nickname is masked unless the moderator explicitly keeps it; the citizen's words stay in
    /// <see cref="OriginalText"/> for staff.
    /// </summary>
    public void Approve(string moderator, string? editedText, DateTimeOffset now, bool keepPersonalData = false)
    {
        EnsurePending();
        if (!string.IsNullOrWhiteSpace(editedText))
        {
            Text = Guard.Text(editedText, ErrorCodes.FieldQuestionText, MaxTextLength);
        }
        if (!keepPersonalData)
        {
            Text = PersonalData.Mask(Text);
            Nickname = PersonalData.Mask(Nickname);
        }
        Decide(QuestionStatus.Approved, moderator, now);
    }

    public void Reject(string moderator, RejectReason reason, string? note, DateTimeOffset now)
    {
        EnsurePending();
        RejectReason = reason;
        DecisionNote = Guard.OptionalText(note, ErrorCodes.FieldDecisionNote, MaxNoteLength);
        Decide(QuestionStatus.Rejected, moderator, now);
    }

    public void MergeInto(Question survivor, string moderator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        EnsurePending();
        if (survivor.Id == Id || survivor.InterviewId != InterviewId)
        {
            throw new DomainException(ErrorCodes.MergeOtherSession);
        }
        if (survivor.Status is QuestionStatus.Rejected or QuestionStatus.Merged)
        {
            throw new DomainException(ErrorCodes.MergeTargetNotApproved);
        }
        MergedIntoId = survivor.Id;
        Decide(QuestionStatus.Merged, moderator, now);
    }

    public void MarkAnswered(bool later, DateTimeOffset now)
    {
        if (Status != QuestionStatus.Approved)
        {
            throw new DomainException(ErrorCodes.OnlyApprovedAnswered);
        }
        Status = QuestionStatus.Answered;
        AnsweredAt = now;
        AnsweredLater = later;
        AddDomainEvent(new QuestionAnswered(this));
    }

    private void EnsurePending()
    {
        if (!Status.AwaitsDecision())
        {
            throw new QuestionAlreadyDecidedException(this);
        }
    }

    private void Decide(QuestionStatus status, string moderator, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moderator);
        Status = status;
        DecidedBy = moderator;
        DecidedAt = now;
        AddDomainEvent(new QuestionDecided(this));
    }
}

public sealed class QuestionAlreadyDecidedException(Question question)
    : DomainException(ErrorCodes.QuestionAlreadyDecided, question.DecidedBy, question.DecidedAt, question.Status)
{
    public QuestionStatus Decision { get; } = question.Status;
    public string? DecidedBy { get; } = question.DecidedBy;
    public DateTimeOffset? DecidedAt { get; } = question.DecidedAt;
}
