namespace Interview.Domain.Reports;

/// <summary>Why a citizen reports something (举报类型): a fixed list, so admins can sort and count them.</summary>
public enum ReportReason
{
    /// <summary>违法违规</summary>
    Illegal,
    /// <summary>侵犯隐私</summary>
    Privacy,
    /// <summary>不实信息</summary>
    Untrue,
    /// <summary>广告骚扰</summary>
    Spam,
    /// <summary>其他</summary>
    Other,
}

public enum ReportStatus
{
    Open,
    /// <summary>驳回: nothing to change; the reply says why.</summary>
    Dismissed,
    /// <summary>已处理: corrected or hidden with the existing tools; the reply says what was done.</summary>
    Handled,
}

/// <summary>
/// A citizen's report (投诉举报) on a published entry or an approved question of one session. Decided once by an
/// admin, with a reply the reporter reads by the receipt; a second decision fails naming the first.
/// </summary>
public sealed class Report : Entity
{
    public const int MaxDetailsLength = 300;
    public const int MaxReplyLength = 500;

    private Report()
    {
    }

    public int Id { get; private set; }
    /// <summary>The opaque receipt (回执) the reporter reads the outcome by.</summary>
    public string Receipt { get; private set; } = "";
    public int InterviewId { get; private set; }
    /// <summary>The reported entry's number in the transcript, when an entry is reported.</summary>
    public int? EntrySeq { get; private set; }
    /// <summary>The reported question, when a question is reported.</summary>
    public int? QuestionId { get; private set; }
    public ReportReason Reason { get; private set; }
    /// <summary>The reporter's words, personal data already masked by the caller.</summary>
    public string Details { get; private set; } = "";
    /// <summary>Who sent it (as <c>Question.ClientKey</c>); never shown.</summary>
    public string ClientKey { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The admin's answer to the reporter: why it was dismissed, or what was done.</summary>
    public string? Reply { get; private set; }

    public static Report Submit(
        string receipt, int interviewId, int? entrySeq, int? questionId, ReportReason reason, string? details, string clientKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        if (entrySeq is null == questionId is null)
        {
            throw new DomainException(ErrorCodes.ReportTargetRequired);
        }
        if (!Enum.IsDefined(reason))
        {
            throw new DomainException(ErrorCodes.FieldRequired, new ErrorTerm(ErrorCodes.FieldReportReason));
        }
        return new Report
        {
            Receipt = receipt,
            InterviewId = interviewId,
            EntrySeq = entrySeq,
            QuestionId = questionId,
            Reason = reason,
            Details = Guard.OptionalText(details, ErrorCodes.FieldReportDetails, MaxDetailsLength),
            ClientKey = clientKey,
            SubmittedAt = now,
            Status = ReportStatus.Open,
        };
    }

    public void Dismiss(string by, string? reply, DateTimeOffset now) => Decide(ReportStatus.Dismissed, by, reply, now);

    public void Handle(string by, string? reply, DateTimeOffset now) => Decide(ReportStatus.Handled, by, reply, now);

    private void Decide(ReportStatus outcome, string by, string? reply, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (Status != ReportStatus.Open)
        {
            throw new DomainException(ErrorCodes.ReportAlreadyDecided, DecidedBy, Status);
        }
        Reply = Guard.Text(reply, ErrorCodes.FieldReportReply, MaxReplyLength);
        Status = outcome;
        DecidedBy = by;
        DecidedAt = now;
    }
}
