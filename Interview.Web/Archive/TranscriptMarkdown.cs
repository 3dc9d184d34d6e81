using System.Globalization;
using System.Text;
using Interview.Domain.Interviews;
using Interview.Web.Components.Pages;
using Interview.Web.Hosting;
using Interview.Web.Public;

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
        Item(facts, "栏目", MarkdownText.Escape(card.Column.Name));
        Item(facts, "访谈时间", $"{time.DateTime(card.ScheduledStart)}–{time.Time(card.ScheduledEnd)}");
        if (detail.PublishedAt is { } published)
        {
            Item(facts, "发布时间", time.DateTime(published));
        }
        Item(facts, "最后更新", time.DateTime(detail.LastChangedAt));
        Item(facts, "原文地址", $"<{SiteAddress.Absolute(context.SiteBase, card.Url)}>");
        blocks.Add(facts.ToString().TrimEnd('\n'));

        if (card.Guests.Count > 0)
        {
            blocks.Add("## 访谈嘉宾");
            blocks.AddRange(card.Guests.Select(guest =>
                $"- **{MarkdownText.Escape(guest.Name)}**　{MarkdownText.Escape(guest.Credential)}" +
                (guest.Bio.Length > 0 ? "\n\n  " + MarkdownText.Escape(guest.Bio).Replace("\n", "\n  ", StringComparison.Ordinal) : "")));
        }

        if (detail.SummaryMarkdown.Length > 0)
        {
            blocks.Add("## 访谈摘要");
            blocks.Add(MarkdownText.AbsoluteLinks(detail.SummaryMarkdown, context.SiteBase));
        }

        blocks.Add("## 文字实录");
        foreach (var entry in archive.Entries)
        {
            AddEntry(blocks, entry, context);
        }

        var stats = detail.Stats;
        blocks.Add("## 网友提问统计");
        blocks.Add(string.Create(CultureInfo.InvariantCulture, $"""
            | 收到提问 | 采用 | 合并 | 未采用 | 现场答复 | 会后答复 | 答复用时（中位数） |
            |---:|---:|---:|---:|---:|---:|---:|
            | {stats.Received} | {stats.Approved} | {stats.Merged} | {stats.Rejected} | {stats.AnsweredLive} | {stats.AnsweredLater} | {StatsPanel.Duration(stats.MedianTimeToAnswer)} |
            """));

        blocks.Add("---");
        blocks.Add($"本文件导出自{MarkdownText.Escape(context.SiteName)}（<{context.SiteBase}/>），导出时间：{time.DateTime(context.ExportedAt)}。内容以网站发布的文字实录为准。");
        return string.Join("\n\n", blocks) + "\n";
    }

    private static void AddEntry(List<string> blocks, EntryView entry, ExportContext context)
    {
        var time = context.Time;
        var heading = new StringBuilder("### ").Append(MarkdownText.Escape($"[{entry.Speaker}]")).Append(' ').Append(time.Time(entry.PublishedAt));
        if (entry.IsPrepared)
        {
            heading.Append("（预录）");
        }
        if (entry.ReviewedBy is { } reviewer)
        {
            heading.Append("（审核：").Append(MarkdownText.Escape(reviewer)).Append('）');
        }
        heading.Append(CultureInfo.InvariantCulture, $" [#{entry.Seq}]({SiteAddress.Absolute(context.SiteBase, entry.Url)})");
        blocks.Add(heading.ToString());
        blocks.Add(Body(entry.Kind, entry.Markdown, entry.Text, context.SiteBase));

        if (entry.CorrectedAt is { } corrected)
        {
            var trail = new StringBuilder($"**勘误**：本条于{time.DateTime(corrected)}更正。");
            foreach (var revision in entry.Revisions)
            {
                trail.Append($"\n\n更正前的文字（{time.DateTime(revision.PublishedAt)}发布，{time.DateTime(revision.ReplacedAt)}更正");
                if (revision.Note.Length > 0)
                {
                    trail.Append("；更正说明：").Append(MarkdownText.Escape(revision.Note));
                }
                trail.Append("）：\n\n").Append(MarkdownText.Quote(Body(entry.Kind, revision.Markdown, revision.Markdown, context.SiteBase)));
            }
            blocks.Add(MarkdownText.Quote(trail.ToString()));
        }
    }

    /// <summary>A citizen's question is plain text whatever it looks like; staff text keeps its Markdown source.</summary>
    private static string Body(EntryKind kind, string markdown, string text, string siteBase) =>
        kind == EntryKind.Question || markdown.Length == 0
            ? MarkdownText.Escape(markdown.Length > 0 ? markdown : text)
            : MarkdownText.AbsoluteLinks(markdown, siteBase);

    private static void Item(StringBuilder md, string label, string value) =>
        md.Append("- ").Append(label).Append('：').Append(value).Append('\n');
}
