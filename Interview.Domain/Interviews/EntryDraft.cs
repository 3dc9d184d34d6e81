namespace Interview.Domain.Interviews;

public enum DraftStatus
{
    /// <summary>Waiting for the reviewer.</summary>
    Pending,
    /// <summary>Approved and published as a transcript entry.</summary>
    Published,
    /// <summary>Sent back to the typist with a comment.</summary>
    SentBack,
}

/// <summary>
/// A guest's answer typed where two-key review (政策关) is on: it waits for a reviewer from the guest's unit, who
/// publishes it or sends it back with a comment. The typist may revise a sent-back draft, which waits again.
/// </summary>
public sealed class EntryDraft
{
    public const int MaxCommentLength = 500;

    private EntryDraft()
    {
    }

    public int Id { get; private set; }
    public int InterviewId { get; private set; }
    public EntryKind Kind { get; private set; }
    public string Speaker { get; private set; } = "";
    public int? GuestId { get; private set; }
    public int? QuestionId { get; private set; }
    public string Markdown { get; private set; } = "";
    public string Html { get; private set; } = "";
    public string Text { get; private set; } = "";
    public bool IsPrepared { get; private set; }
    public string Author { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public DraftStatus Status { get; private set; }
    public string? Reviewer { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string ReviewComment { get; private set; } = "";
    public int? PublishedSeq { get; private set; }

    public static EntryDraft Submit(
        InterviewSession session, EntryKind kind, string? speaker, RenderedText text, string author, DateTimeOffset now,
        int? guestId = null, int? questionId = null, bool prepared = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        if (!session.NeedsReview(kind))
        {
            throw new DomainException("这类内容不需要审核，可直接发布。");
        }
        Guard.Text(text.Markdown, "内容", TranscriptEntry.MaxMarkdownLength);
        return new EntryDraft
        {
            InterviewId = session.Id,
            Kind = kind,
            Speaker = Guard.OptionalText(speaker, "发言人", TranscriptEntry.MaxSpeakerLength),
            GuestId = guestId,
            QuestionId = questionId,
            Markdown = text.Markdown,
            Html = text.Html,
            Text = text.PlainText,
            IsPrepared = prepared,
            Author = author,
            SubmittedAt = now,
            Status = DraftStatus.Pending,
        };
    }

    /// <summary>The reviewer approves: the text is published as the session's next entry, credited to the reviewer.</summary>
    public TranscriptEntry Approve(InterviewSession session, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        EnsurePending();
        var entry = session.AppendEntry(Kind, Speaker, new RenderedText(Markdown, Html, Text), now, GuestId, QuestionId, IsPrepared, reviewer);
        Status = DraftStatus.Published;
        Reviewer = reviewer;
        ReviewedAt = now;
        PublishedSeq = entry.Seq;
        return entry;
    }

    public void SendBack(string reviewer, string comment, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        EnsurePending();
        ReviewComment = Guard.Text(comment, "退回意见", MaxCommentLength);
        Status = DraftStatus.SentBack;
        Reviewer = reviewer;
        ReviewedAt = now;
    }

    /// <summary>The typist revises a sent-back draft; it waits for the reviewer again.</summary>
    public void Revise(RenderedText text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Status != DraftStatus.SentBack)
        {
            throw new DomainException("只有被退回的稿件才能修改后重新提交。");
        }
        Guard.Text(text.Markdown, "内容", TranscriptEntry.MaxMarkdownLength);
        Markdown = text.Markdown;
        Html = text.Html;
        Text = text.PlainText;
        SubmittedAt = now;
        Status = DraftStatus.Pending;
    }

    private void EnsurePending()
    {
        if (Status != DraftStatus.Pending)
        {
            throw new DomainException(Status == DraftStatus.Published ? "该稿件已发布。" : "该稿件已退回，等待录入员修改。");
        }
    }
}
