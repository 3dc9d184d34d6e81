namespace Interview.Domain.Interviews;

/// <summary>
/// One published entry of a session's transcript. <see cref="Seq"/> numbers the session's entries 1, 2, 3… without
/// gaps; a correction (勘误) keeps the number and keeps the earlier wording in <see cref="Revisions"/>.
/// </summary>
public sealed class TranscriptEntry : Entity
{
    public const int MaxMarkdownLength = 20_000;
    public const int MaxSpeakerLength = 50;
    public const int MaxCorrectionNoteLength = 200;

    private readonly List<EntryRevision> _revisions = [];

    private TranscriptEntry()
    {
    }

    public long Id { get; private set; }
    public int InterviewId { get; private set; }
    public int Seq { get; private set; }
    public EntryKind Kind { get; private set; }
    /// <summary>Who spoke: a guest's name, a citizen's nickname; empty for host remarks and notes.</summary>
    public string Speaker { get; private set; } = "";
    public int? GuestId { get; private set; }
    public int? QuestionId { get; private set; }
    public string Markdown { get; private set; } = "";
    public string Html { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public DateTimeOffset? CorrectedAt { get; private set; }
    /// <summary>The session's change number of this entry's latest publication or correction (<see cref="InterviewSession.LastChange"/>).</summary>
    public int Change { get; private set; }
    /// <summary>Written before the session and published during it (预录), and labelled so.</summary>
    public bool IsPrepared { get; private set; }
    /// <summary>Who approved the text before publication, where the session has two-key review (政策关).</summary>
    public string? ReviewedBy { get; private set; }
    public IReadOnlyList<EntryRevision> Revisions => _revisions;

    /// <summary>The label the public sees before the text: 主持人, 嘉宾 name, 网友 nickname.</summary>
    public string SpeakerLabel => Label(Kind, Speaker);

    public static string Label(EntryKind kind, string speaker) => kind switch
    {
        EntryKind.Host => "主持人",
        EntryKind.Guest => $"嘉宾 {speaker}",
        EntryKind.Question => $"网友 {speaker}",
        EntryKind.FollowUp => speaker.Length > 0 ? $"会后答复 {speaker}" : "会后答复",
        _ => speaker.Length > 0 ? speaker : "提示",
    };

    internal static TranscriptEntry Create(
        int interviewId, int seq, EntryKind kind, string? speaker, RenderedText text, DateTimeOffset now,
        int? guestId, int? questionId, bool prepared, string? reviewedBy)
    {
        var entry = new TranscriptEntry
        {
            IsPrepared = prepared,
            ReviewedBy = reviewedBy,
            InterviewId = interviewId,
            Seq = seq,
            Kind = kind,
            Speaker = kind is EntryKind.Guest or EntryKind.Question
                ? Guard.Text(speaker, ErrorCodes.FieldSpeaker, MaxSpeakerLength)
                : Guard.OptionalText(speaker, ErrorCodes.FieldSpeaker, MaxSpeakerLength),
            GuestId = guestId,
            QuestionId = questionId,
            // Whole microseconds, as PostgreSQL keeps them: the entry announced from memory is the one read back.
            PublishedAt = now.AddTicks(-(now.Ticks % 10)),
        };
        entry.SetText(text);
        return entry;
    }

    /// <summary>
    /// Replaces the wording (勘误); the entry keeps its number and the old wording is kept. <paramref name="reviewedBy"/>
    /// is who approved the new wording: the review label names only text a reviewer approved, so a correction that
    /// did not go through review (review off, or not a guest's words) takes it away.
    /// </summary>
    public void Correct(RenderedText text, string? note, DateTimeOffset now, string? reviewedBy = null)
    {
        var trimmedNote = Guard.OptionalText(note, ErrorCodes.FieldCorrectionNote, MaxCorrectionNoteLength);
        if (text.Markdown == Markdown)
        {
            throw new DomainException(ErrorCodes.CorrectionUnchanged);
        }
        _revisions.Add(EntryRevision.Of(this, trimmedNote, now));
        SetText(text);
        CorrectedAt = now;
        ReviewedBy = reviewedBy;
        AddDomainEvent(new EntryCorrected(this));
    }

    internal void Stamp(int change) => Change = change;

    private void SetText(RenderedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Guard.Text(text.Markdown, ErrorCodes.FieldContent, MaxMarkdownLength);
        Markdown = text.Markdown;
        Html = text.Html;
        Text = text.PlainText;
    }
}
