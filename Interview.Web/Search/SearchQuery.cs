using System.Text;
using Interview.Domain;

namespace Interview.Web.Search;

/// <summary>
/// One word of a query: as typed, folded (<see cref="SearchText"/>), and its FTS5 match expression, for
/// <c>search_pairs</c> (two characters or more) or <c>search_chars</c> (one character); the other is null.
/// <see cref="Tokens"/> are the same tokens as a list: one character, or the phrase of pairs in order (for the
/// PostgreSQL store, which writes its own query syntax).
/// </summary>
public sealed record SearchTerm(string Text, string Folded, string? PairsMatch, string? CharsMatch, IReadOnlyList<string> Tokens);

/// <summary>
/// A parsed query. Words separated by spaces must all appear; a quoted string is one word however many spaces it
/// holds; each word matches where its folded form is a substring of a document's. Becomes FTS5 match expressions:
/// the one-character words for <c>search_chars</c>, the longer ones for <c>search_pairs</c>.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 100;
    public const int MaxTerms = 8;

    private SearchQuery(IReadOnlyList<SearchTerm> terms, string? pairsMatch, string? charsMatch)
    {
        Terms = terms;
        PairsMatch = pairsMatch;
        CharsMatch = charsMatch;
    }

    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>The MATCH expression for <c>search_pairs</c>, or null when every word is one character.</summary>
    public string? PairsMatch { get; }

    /// <summary>The MATCH expression for <c>search_chars</c>, or null when no word is one character.</summary>
    public string? CharsMatch { get; }

    /// <summary>Whether both tables must match: one-character words together with longer ones.</summary>
    public bool IsMixed => PairsMatch is not null && CharsMatch is not null;

    /// <summary>The query of one of its words alone (to count how many documents have that word).</summary>
    public SearchQuery Only(SearchTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return new SearchQuery([term], term.PairsMatch, term.CharsMatch);
    }

    /// <summary>Parses what a person typed; an empty, over-long or over-busy query is a <see cref="DomainException"/>.</summary>
    public static SearchQuery Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length > MaxLength)
        {
            throw new DomainException(Text.SiteErrorCodes.SearchTooLong, MaxLength);
        }
        var terms = Words(trimmed)
            .Select(w => (Text: w, Folded: SearchText.FoldedForm(w)))
            .Where(t => t.Folded.Length > 0)
            .DistinctBy(t => t.Folded)
            .Select(t => Translate(t.Text, t.Folded))
            .ToList();
        if (terms.Count == 0)
        {
            throw new DomainException(Text.SiteErrorCodes.SearchEmpty);
        }
        if (terms.Count > MaxTerms)
        {
            throw new DomainException(Text.SiteErrorCodes.SearchTooManyTerms, MaxTerms);
        }
        return new SearchQuery(terms, And(terms.Select(t => t.PairsMatch)), And(terms.Select(t => t.CharsMatch)));
    }

    /// <summary>Splits at spaces outside quotes ("…" or “…”).</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c is '"' or '“' or '”' or '＂')
            {
                quoted = !quoted;
                if (!quoted && word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                continue;
            }
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>
    /// A word as a match expression: one character is that character's token in <c>search_chars</c>; anything longer
    /// is the phrase of its tokens in <c>search_pairs</c>, made by the same <see cref="SearchText.Tokenize"/> as the
    /// index (医保政策 → "医保 保政 政策", pm2.5 → "pm m2 2·5"), which matches exactly where the word occurs.
    /// </summary>
    private static SearchTerm Translate(string text, string folded)
    {
        var pairs = new StringBuilder();
        var chars = new StringBuilder();
        SearchText.Tokenize(text, pairs, chars, []);
        var phrase = pairs.ToString().Trim();
        return phrase.Length == 0
            ? new SearchTerm(text, folded, null, Quote(chars.ToString().Trim()), [chars.ToString().Trim()])
            : new SearchTerm(text, folded, Quote(phrase), null, phrase.Split(' '));
    }

    private static string? And(IEnumerable<string?> expressions)
    {
        var parts = expressions.OfType<string>().Distinct().ToList();
        return parts.Count > 0 ? string.Join(" AND ", parts) : null;
    }

    /// <summary>Tokens are letters, digits and the break mark: nothing to escape but the quote itself.</summary>
    private static string Quote(string tokens) => "\"" + tokens.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
