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
    public static string Write(ArchiveView archive, ExportContext context)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(context);
        var (detail, time) = (archive.Detail, context.Time);
        var card = detail.Card;
        var url = SiteAddress.Absolute(context.SiteBase, card.Url);
        var md = new StringBuilder();

        md.Append("# ").AppendLine(MarkdownText.Escape(card.Title)).AppendLine();
        Item(md, "栏目", MarkdownText.Escape(card.Column.Name));
        Item(md, "访谈时间", $"{time.DateTime(card.ScheduledStart)}–{time.Time(card.ScheduledEnd)}");
        if (detail.PublishedAt is { } published)
        {
            Item(md, "发布时间", time.DateTime(published));
        }
        Item(md, "最后更新", time.DateTime(detail.LastChangedAt));
        Item(md, "原文地址", $"<{url}>");

        if (card.Guests.Count > 0)
        {
            md.AppendLine().AppendLine("## 访谈嘉宾").AppendLine();
            foreach (var guest in card.Guests)
            {
                md.Append("- **").Append(MarkdownText.Escape(guest.Name)).Append("**　").AppendLine(MarkdownText.Escape(guest.Credential));
                if (guest.Bio.Length > 0)
                {
                    md.AppendLine().Append("  ").AppendLine(MarkdownText.Escape(guest.Bio).Replace("\n", "\n  ", StringComparison.Ordinal)).AppendLine();
                }
            }
        }

        if (detail.SummaryMarkdown.Length > 0)
        {
            md.AppendLine().AppendLine("## 访谈摘要").AppendLine();
            md.AppendLine(MarkdownText.AbsoluteLinks(detail.SummaryMarkdown, context.SiteBase));
        }

        md.AppendLine().AppendLine("## 文字实录");
        foreach (var entry in archive.Entries)
        {
            WriteEntry(md, entry, context);
        }

        WriteStats(md, detail.Stats);
        md.AppendLine().AppendLine("---").AppendLine();
        md.Append("本文件导出自").Append(MarkdownText.Escape(context.SiteName)).Append("（<").Append(context.SiteBase).Append("/>），导出时间：")
            .Append(time.DateTime(context.ExportedAt)).AppendLine("。内容以网站发布的文字实录为准。");
        return md.ToString();
    }

    private static void WriteEntry(StringBuilder md, EntryView entry, ExportContext context)
    {
        var time = context.Time;
        md.AppendLine().Append("### ").Append(MarkdownText.Escape($"[{entry.Speaker}]")).Append(' ').Append(time.Time(entry.PublishedAt));
        if (entry.IsPrepared)
        {
            md.Append("（预录）");
        }
        if (entry.ReviewedBy is { } reviewer)
        {
            md.Append("（审核：").Append(MarkdownText.Escape(reviewer)).Append('）');
        }
        md.Append(" [#").Append(entry.Seq.ToString(CultureInfo.InvariantCulture)).Append("](")
            .Append(SiteAddress.Absolute(context.SiteBase, entry.Url)).AppendLine(")").AppendLine();
        md.AppendLine(Body(entry.Kind, entry.Markdown, entry.Text, context.SiteBase));

        if (entry.CorrectedAt is { } corrected)
        {
            md.AppendLine().Append("> **勘误**：本条于").Append(time.DateTime(corrected)).AppendLine("更正。");
            foreach (var revision in entry.Revisions)
            {
                md.AppendLine(">").Append("> 更正前的文字（").Append(time.DateTime(revision.PublishedAt)).Append("发布，")
                    .Append(time.DateTime(revision.ReplacedAt)).Append("更正");
                if (revision.Note.Length > 0)
                {
                    md.Append("；更正说明：").Append(MarkdownText.Escape(revision.Note));
                }
                md.AppendLine("）：").AppendLine(">");
                md.AppendLine(MarkdownText.Quote(MarkdownText.Quote(Body(entry.Kind, revision.Markdown, revision.Markdown, context.SiteBase))));
            }
        }
    }

    /// <summary>A citizen's question is plain text whatever it looks like; staff text keeps its Markdown source.</summary>
    private static string Body(EntryKind kind, string markdown, string text, string siteBase) =>
        kind == EntryKind.Question || markdown.Length == 0
            ? MarkdownText.Escape(markdown.Length > 0 ? markdown : text)
            : MarkdownText.AbsoluteLinks(markdown, siteBase);

    private static void WriteStats(StringBuilder md, PublicStats stats)
    {
        md.AppendLine().AppendLine("## 网友提问统计").AppendLine();
        md.AppendLine("| 收到提问 | 采用 | 合并 | 未采用 | 现场答复 | 会后答复 | 答复用时（中位数） |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {stats.Received} | {stats.Approved} | {stats.Merged} | {stats.Rejected} | {stats.AnsweredLive} | {stats.AnsweredLater} | {StatsPanel.Duration(stats.MedianTimeToAnswer)} |");
    }

    private static void Item(StringBuilder md, string label, string value) =>
        md.Append("- ").Append(label).Append('：').AppendLine(value);
}
