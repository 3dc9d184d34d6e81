namespace Interview.Domain.Interviews;

/// <summary>An earlier wording of a corrected entry, kept for the public correction trail (勘误记录).</summary>
public sealed class EntryRevision
{
    private EntryRevision()
    {
    }

    public long Id { get; private set; }
    public long EntryId { get; private set; }
    public string Markdown { get; private set; } = "";
    public string Html { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>When this wording replaced the one before it (the entry's publish time for the first wording).</summary>
    public DateTimeOffset PublishedAt { get; private set; }
    /// <summary>When a correction replaced this wording.</summary>
    public DateTimeOffset ReplacedAt { get; private set; }
    /// <summary>Why it was corrected, as staff wrote it.</summary>
    public string Note { get; private set; } = "";

    internal static EntryRevision Of(TranscriptEntry entry, string note, DateTimeOffset now) => new()
    {
        EntryId = entry.Id,
        Markdown = entry.Markdown,
        Html = entry.Html,
        Text = entry.Text,
        PublishedAt = entry.CorrectedAt ?? entry.PublishedAt,
        ReplacedAt = now,
        Note = note,
    };
}
