using System.Text;

namespace Interview.Web.Search;

/// <summary>
/// A snippet of a document around its first match, as HTML: every character of the text is escaped, and the only
/// markup is &lt;mark&gt; around each occurrence of a query word (found in the folded form, marked in the original).
/// </summary>
public static class SearchSnippet
{
    public const int Length = 110;
    private const int Before = 30;

    public static string Html(string text, IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var matches = Matches(text, terms);
        var start = matches.Count > 0 ? Math.Max(0, matches[0].Start - Before) : 0;
        var end = Math.Min(text.Length, start + Length);
        if (end == text.Length)
        {
            start = Math.Max(0, end - Length);
        }
        // Never split a surrogate pair.
        if (start > 0 && char.IsLowSurrogate(text[start]))
        {
            start--;
        }
        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }
        var html = new StringBuilder(Length * 2);
        if (start > 0)
        {
            html.Append('…');
        }
        var at = start;
        foreach (var (matchStart, matchEnd) in matches)
        {
            var from = Math.Max(matchStart, at);
            var to = Math.Min(matchEnd, end);
            if (from >= to)
            {
                continue;
            }
            Escape(html, text.AsSpan(at, from - at));
            html.Append("<mark>");
            Escape(html, text.AsSpan(from, to - from));
            html.Append("</mark>");
            at = to;
        }
        Escape(html, text.AsSpan(at, end - at));
        if (end < text.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }

    /// <summary>Where the words occur in <paramref name="text"/> (original positions), in order, overlaps merged.</summary>
    public static List<(int Start, int End)> Matches(string text, IReadOnlyList<SearchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var folded = SearchText.Fold(text);
        var ranges = new List<(int Start, int End)>();
        foreach (var term in terms)
        {
            for (var i = folded.Value.IndexOf(term.Folded, StringComparison.Ordinal); i >= 0;
                 i = folded.Value.IndexOf(term.Folded, i + 1, StringComparison.Ordinal))
            {
                ranges.Add((folded.Starts[i], folded.Ends[i + term.Folded.Length - 1]));
            }
        }
        ranges.Sort();
        var merged = new List<(int Start, int End)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }

    /// <summary>How often <paramref name="term"/> occurs in a folded text (for relevance).</summary>
    public static int Count(string folded, string term)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(term);
        var count = 0;
        for (var i = folded.IndexOf(term, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(term, i + term.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Escapes for HTML text and attributes; line breaks become spaces (a snippet is one line).</summary>
    private static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    html.Append("&amp;");
                    break;
                case '<':
                    html.Append("&lt;");
                    break;
                case '>':
                    html.Append("&gt;");
                    break;
                case '"':
                    html.Append("&quot;");
                    break;
                case '\'':
                    html.Append("&#39;");
                    break;
                case '\n' or '\r' or '\t':
                    html.Append(' ');
                    break;
                default:
                    html.Append(c);
                    break;
            }
        }
    }
}
