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
/// A correction (勘误) of a published answer is a draft too (<see cref="CorrectsSeq"/>): the public keeps the reviewed
/// wording until the reviewer approves the new one, so 审核：reviewer never labels text nobody reviewed.
/// </summary>
public sealed class EntryDraft : Entity
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
    /// <summary>The seq of the published entry this draft corrects, or null for a new answer.</summary>
    public int? CorrectsSeq { get; private set; }
    /// <summary>Why the entry is corrected (shown publicly with the trail once approved).</summary>
    public string CorrectionNote { get; private set; } = "";

    public bool IsCorrection => CorrectsSeq is not null;

    public static EntryDraft Submit(
        InterviewSession session, EntryKind kind, string? speaker, RenderedText text, string author, DateTimeOffset now,
        int? guestId = null, int? questionId = null, bool prepared = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        if (!session.NeedsReview(kind))
        {
            throw new DomainException(ErrorCodes.ReviewNotNeeded);
        }
        Guard.Text(text.Markdown, ErrorCodes.FieldContent, TranscriptEntry.MaxMarkdownLength);
        return new EntryDraft
        {
            InterviewId = session.Id,
            Kind = kind,
            Speaker = Guard.OptionalText(speaker, ErrorCodes.FieldSpeaker, TranscriptEntry.MaxSpeakerLength),
            GuestId = guestId,
            QuestionId = questionId,
            Markdown = text.Markdown,
            Html = text.Html,
            Text = text.PlainText,
            IsPrepared = prepared,
            Author = author,
            SubmittedAt = now,
            Status = DraftStatus.Pending,
        }.Submitted();
    }

    /// <summary>
    /// A correction of <paramref name="entry"/> that must wait for the reviewer (<see cref="InterviewSession.CorrectionNeedsReview"/>).
    /// One correction of an entry waits at a time; a new correction of one that was sent back revises it, so the
    /// reviewer sees the latest wording and the sent-back list does not keep abandoned ones.
    /// </summary>
    public static EntryDraft SubmitCorrection(
        InterviewSession session, TranscriptEntry entry, EntryDraft? open, RenderedText text, string? note, string author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        if (!session.CorrectionNeedsReview(entry))
        {
            throw new DomainException(ErrorCodes.CorrectionReviewNotNeeded);
        }
        var trimmedNote = Guard.OptionalText(note, ErrorCodes.FieldCorrectionNote, TranscriptEntry.MaxCorrectionNoteLength);
        if (text.Markdown == entry.Markdown)
        {
            throw new DomainException(ErrorCodes.CorrectionUnchanged);
        }
        if (open is not null && (open.CorrectsSeq != entry.Seq || open.InterviewId != entry.InterviewId))
        {
            throw new ArgumentException("The open draft corrects another entry.", nameof(open));
        }
        switch (open?.Status)
        {
            case DraftStatus.Pending:
                throw new DomainException(ErrorCodes.CorrectionPending, entry.Seq);
            case DraftStatus.SentBack:
                open.Revise(text, now);
                open.CorrectionNote = trimmedNote;
                open.Author = author;
                return open;
        }
        Guard.Text(text.Markdown, ErrorCodes.FieldContent, TranscriptEntry.MaxMarkdownLength);
        return new EntryDraft
        {
            InterviewId = session.Id,
            Kind = entry.Kind,
            Speaker = entry.Speaker,
            GuestId = entry.GuestId,
            QuestionId = entry.QuestionId,
            Markdown = text.Markdown,
            Html = text.Html,
            Text = text.PlainText,
            IsPrepared = entry.IsPrepared,
            Author = author,
            SubmittedAt = now,
            Status = DraftStatus.Pending,
            CorrectsSeq = entry.Seq,
            CorrectionNote = trimmedNote,
        }.Submitted();
    }

    /// <summary>The reviewer approves: the text is published as the session's next entry, credited to the reviewer.</summary>
    public TranscriptEntry Approve(InterviewSession session, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        EnsurePending();
        if (IsCorrection)
        {
            throw new DomainException(ErrorCodes.DraftIsCorrection, CorrectsSeq);
        }
        var entry = session.AppendEntry(Kind, Speaker, new RenderedText(Markdown, Html, Text), now, GuestId, QuestionId, IsPrepared, reviewer);
        Status = DraftStatus.Published;
        Reviewer = reviewer;
        ReviewedAt = now;
        PublishedSeq = entry.Seq;
        AddDomainEvent(new DraftChanged(this));
        return entry;
    }

    /// <summary>The reviewer approves a correction: the entry takes the new wording (same seq, the old one kept), credited to the reviewer.</summary>
    public void ApproveCorrection(TranscriptEntry entry, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        EnsurePending();
        if (entry.Seq != CorrectsSeq || entry.InterviewId != InterviewId)
        {
            throw new DomainException(ErrorCodes.DraftNotCorrectionOfEntry);
        }
        entry.Correct(new RenderedText(Markdown, Html, Text), CorrectionNote, now, reviewedBy: reviewer);
        Status = DraftStatus.Published;
        Reviewer = reviewer;
        ReviewedAt = now;
        PublishedSeq = entry.Seq;
        AddDomainEvent(new DraftChanged(this));
    }

    public void SendBack(string reviewer, string comment, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        EnsurePending();
        ReviewComment = Guard.Text(comment, ErrorCodes.FieldReviewComment, MaxCommentLength);
        Status = DraftStatus.SentBack;
        Reviewer = reviewer;
        ReviewedAt = now;
        AddDomainEvent(new DraftChanged(this));
    }

    /// <summary>The typist revises a sent-back draft; it waits for the reviewer again.</summary>
    public void Revise(RenderedText text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Status != DraftStatus.SentBack)
        {
            throw new DomainException(ErrorCodes.OnlyReturnedDraftResubmits);
        }
        Guard.Text(text.Markdown, ErrorCodes.FieldContent, TranscriptEntry.MaxMarkdownLength);
        Markdown = text.Markdown;
        Html = text.Html;
        Text = text.PlainText;
        SubmittedAt = now;
        Status = DraftStatus.Pending;
        AddDomainEvent(new DraftChanged(this));
    }

    private EntryDraft Submitted()
    {
        AddDomainEvent(new DraftChanged(this));
        return this;
    }

    private void EnsurePending()
    {
        if (Status != DraftStatus.Pending)
        {
            throw new DomainException(Status == DraftStatus.Published ? ErrorCodes.DraftPublished : ErrorCodes.DraftReturned);
        }
    }
}
