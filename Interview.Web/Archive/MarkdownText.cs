using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Interview.Web.Archive;

/// <summary>Text made ready for a Markdown file that people download and open in any Markdown reader.</summary>
public static class MarkdownText
{
    // Parsed only to find where link addresses are in the source; nothing is rendered with it (MarkdownRenderer does that).
    private static readonly MarkdownPipeline LinkFinder = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UsePipeTables()
        .Build();

    /// <summary>
    /// Plain text (a citizen's question, a name, a bio) that must read exactly as typed: everything a Markdown reader
    /// could take as markup is backslash-escaped, indentation that would make a code block is dropped, and line
    /// breaks are kept as hard breaks.
    /// </summary>
    public static string Escape(string? text)
    {
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var result = new StringBuilder(text?.Length ?? 0);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t');
            for (var j = 0; j < line.Length; j++)
            {
                if (NeedsEscape(line, j))
                {
                    result.Append('\\');
                }
                result.Append(line[j]);
            }
            if (i < lines.Length - 1)
            {
                // Within a paragraph a line break stays a line break (a trailing backslash); a blank line ends it.
                var paragraphEnds = line.Length == 0 || lines[i + 1].Trim(' ', '\t').Length == 0;
                result.Append(paragraphEnds ? "\n" : "\\\n");
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// Staff-written Markdown with its site-relative link and image addresses (/media/…, /interviews/…) made absolute,
    /// so that photos and links still work in a downloaded file. The rest of the source is left exactly as written.
    /// </summary>
    public static string AbsoluteLinks(string markdown, string siteBase)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, LinkFinder);
        var spans = document.Descendants<LinkInline>().Select(l => (l.Url, l.UrlSpan))
            .Concat(document.Descendants<LinkReferenceDefinition>().Select(d => (d.Url, d.UrlSpan)))
            // Only where the address stands in the source as it is (not escaped, not in <…>): then it can be swapped.
            .Where(l => l.Url is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
                && !l.UrlSpan.IsEmpty && l.UrlSpan.Length == url.Length && l.UrlSpan.End < markdown.Length
                && markdown.AsSpan(l.UrlSpan.Start, l.UrlSpan.Length).SequenceEqual(url))
            // A reference link and its definition share the definition's span.
            .DistinctBy(l => l.UrlSpan.Start)
            .OrderByDescending(l => l.UrlSpan.Start)
            .ToList();
        var result = new StringBuilder(markdown);
        foreach (var (url, span) in spans)
        {
            result.Remove(span.Start, span.Length).Insert(span.Start, SiteAddress.Absolute(siteBase, url!));
        }
        return result.ToString();
    }

    /// <summary>Every line of <paramref name="markdown"/> inside a block quote.</summary>
    public static string Quote(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line));

    private static bool NeedsEscape(string line, int index)
    {
        var c = line[index];
        switch (c)
        {
            // Emphasis, code, links and images, raw HTML and autolinks, tables, strikethrough, entities, escapes.
            case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&':
                return true;
            // Headings, lists, setext underlines only where a line starts.
            case '#' or '-' or '+' or '=':
                return index == 0;
            // An ordered list marker: digits from the start of the line, then . or ).
            case '.' or ')' when index > 0 && index <= 9 && line.AsSpan(0, index).IndexOfAnyExceptInRange('0', '9') < 0:
                return true;
            // Autolinks: a scheme (http:, mailto:, tel:) and www.
            case ':' when index > 0 && char.IsAsciiLetter(line[index - 1]):
                return true;
            case '.' when index >= 3 && line.AsSpan(index - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase):
                return true;
            default:
                return false;
        }
    }
}
