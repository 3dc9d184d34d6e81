using System.Globalization;
using System.Text;
using Interview.Domain.Interviews;
using Interview.Web.Components.Pages;
using Interview.Web.Hosting;
using Interview.Web.Public;
using static Interview.Web.Text.PublicWords;

namespace Interview.Web.Archive;

/// <summary>Where and when an export is made: the site's absolute address and name, the time, the clock's zone.</summary>
public sealed record ExportContext(string SiteBase, string SiteName, DateTimeOffset ExportedAt, SiteTime Time);

/// <summary>
/// A published session as one Markdown file: its facts, guests, summary, every entry with speaker, time and permanent
/// link, the corrections with the earlier wording, and the statistics. Staff text keeps its Markdown source; citizens'
/// words and names are escaped so that no reader takes them as markup.
/// </summary>
public static class TranscriptMarkdown
{
    /// <summary>The file as blocks (headings, paragraphs, lists, quotes), one blank line between each.</summary>
    public static string Write(ArchiveView archive, ExportContext context)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(context);
        var (detail, time) = (archive.Detail, context.Time);
        var card = detail.Card;
        var blocks = new List<string> { "# " + MarkdownText.Escape(card.Title) };

        var facts = new StringBuilder();
        Item(facts, Word("ArchiveColumn"), MarkdownText.Escape(card.Column.Name));
        Item(facts, Word("ArchiveTime"), $"{time.DateTime(card.ScheduledStart)}–{time.Time(card.ScheduledEnd)}");
        if (detail.PublishedAt is { } published)
        {
            Item(facts, Word("ArchivePublished"), time.DateTime(published));
        }
        Item(facts, Word("ArchiveUpdated"), time.DateTime(detail.LastChangedAt));
        Item(facts, Word("ArchiveAddress"), $"<{SiteAddress.Absolute(context.SiteBase, card.Url)}>");
        blocks.Add(facts.ToString().TrimEnd('\n'));

        if (card.Guests.Count > 0)
        {
            blocks.Add("## " + Word("GuestsHeading"));
            blocks.AddRange(card.Guests.Select(guest =>
                Word("ArchiveGuest", MarkdownText.Escape(guest.Name), MarkdownText.Escape(guest.Credential)) +
                (guest.Bio.Length > 0 ? "\n\n  " + MarkdownText.Escape(guest.Bio).Replace("\n", "\n  ", StringComparison.Ordinal) : "")));
        }

        if (detail.SummaryMarkdown.Length > 0)
        {
            blocks.Add("## " + Word("SummaryHeading"));
            blocks.Add(MarkdownText.AbsoluteLinks(detail.SummaryMarkdown, context.SiteBase));
        }

        blocks.Add("## " + Word("TranscriptArchive"));
        foreach (var entry in archive.Entries)
        {
            AddEntry(blocks, entry, context);
        }

        if (archive.AwaitingFollowUp.Count > 0)
        {
            blocks.Add("## " + Word("AwaitingHeading"));
            blocks.Add(Word("AwaitingNote"));
            blocks.Add(string.Join('\n', archive.AwaitingFollowUp.Select(q =>
                "- " + MarkdownText.Escape($"[{Interview.Web.Text.DisplayNames.Speaker(EntryKind.Question, q.Nickname)}] {q.Text}").Replace("\n", " ", StringComparison.Ordinal))));
        }

        var stats = detail.Stats;
        blocks.Add("## " + Word("StatsHeading"));
        var columns = string.Join(" | ", new[] { "StatsReceived", "StatsApproved", "StatsMerged", "StatsRejected", "StatsAnsweredLive", "StatsAnsweredLater", "StatsMedian" }.Select(Word));
        blocks.Add(string.Create(CultureInfo.InvariantCulture, $"""
            | {columns} |
            |---:|---:|---:|---:|---:|---:|---:|
            | {stats.Received} | {stats.Approved} | {stats.Merged} | {stats.Rejected} | {stats.AnsweredLive} | {stats.AnsweredLater} | {Duration(stats.MedianTimeToAnswer)} |
            """));

        blocks.Add("---");
        blocks.Add(Word("ArchiveFooter", MarkdownText.Escape(context.SiteName), context.SiteBase, time.DateTime(context.ExportedAt)));
        return string.Join("\n\n", blocks) + "\n";
    }

    private static void AddEntry(List<string> blocks, EntryView entry, ExportContext context)
    {
        var time = context.Time;
        var heading = new StringBuilder("### ").Append(MarkdownText.Escape($"[{entry.SpeakerLabel}]")).Append(' ').Append(time.Time(entry.PublishedAt));
        if (entry.IsPrepared)
        {
            heading.Append(Word("ArchivePrepared"));
        }
        if (entry.IsReviewed)
        {
            heading.Append(entry.ReviewedBy is { } unit ? Word("ArchiveReviewed", MarkdownText.Escape(unit)) : Word("ArchiveReviewedPlain"));
        }
        heading.Append(CultureInfo.InvariantCulture, $" [#{entry.Seq}]({SiteAddress.Absolute(context.SiteBase, entry.Url)})");
        blocks.Add(heading.ToString());
        if (Pair(entry, context) is { } pair)
        {
            blocks.Add(pair);
        }
        blocks.Add(Body(entry.Kind, entry.Markdown, entry.Text, context.SiteBase));

        if (entry.CorrectedAt is { } corrected)
        {
            var trail = new StringBuilder(Word("ArchiveCorrected", time.DateTime(corrected)));
            foreach (var revision in entry.Revisions)
            {
                trail.Append("\n\n").Append(Word("ArchiveRevision", time.DateTime(revision.PublishedAt), time.DateTime(revision.ReplacedAt)));
                if (revision.Note.Length > 0)
                {
                    trail.Append(Word("ArchiveRevisionNote")).Append(MarkdownText.Escape(revision.Note));
                }
                trail.Append(Word("ArchiveRevisionEnd")).Append("\n\n").Append(MarkdownText.Quote(Body(entry.Kind, revision.Markdown, revision.Markdown, context.SiteBase)));
            }
            blocks.Add(MarkdownText.Quote(trail.ToString()));
        }
    }

    /// <summary>
    /// Question → answer pairs, as on the page: an answer names its question (a link, or the question itself quoted when
    /// it was never put to the guests); a question links its answers.
    /// </summary>
    private static string? Pair(EntryView entry, ExportContext context)
    {
        string Link(int seq) => $"[#{seq.ToString(CultureInfo.InvariantCulture)}]({SiteAddress.Absolute(context.SiteBase, PublicUrls.Entry(entry.InterviewId, seq))})";
        if (entry.QuestionSeq is { } questionSeq)
        {
            return "*" + Word("ArchiveAnswersQuestion", Link(questionSeq)) + "*";
        }
        if (entry.UnaskedQuestion is { } question)
        {
            var asker = MarkdownText.Escape($"[{Interview.Web.Text.DisplayNames.Speaker(EntryKind.Question, question.Nickname)}]");
            return MarkdownText.Quote(Word("ArchiveAnswersUnasked") + "\n\n" + asker + " " + MarkdownText.Escape(question.Text));
        }
        return entry.AnswerSeqs.Count > 0 ? "*" + Word("ArchiveAnswers", string.Join(" ", entry.AnswerSeqs.Select(Link))) + "*" : null;
    }

    /// <summary>A citizen's question is plain text whatever it looks like; staff text keeps its Markdown source.</summary>
    private static string Body(EntryKind kind, string markdown, string text, string siteBase) =>
        kind == EntryKind.Question || markdown.Length == 0
            ? MarkdownText.Escape(markdown.Length > 0 ? markdown : text)
            : MarkdownText.AbsoluteLinks(markdown, siteBase);

    private static void Item(StringBuilder md, string label, string value) =>
        md.Append(Word("ArchiveFact", label, value)).Append('\n');
}
