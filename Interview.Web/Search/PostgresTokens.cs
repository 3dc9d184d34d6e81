using System.Text;

namespace Interview.Web.Search;

/// <summary>
/// <see cref="SearchText"/>'s tokens in PostgreSQL's own text forms: a document's <c>tsvector</c> and a query's
/// <c>tsquery</c>. Tokens are letters, digits and the break mark (<see cref="SearchText.BreakToken"/>), so quoting
/// each one needs no escaping.
/// </summary>
internal static class PostgresTokens
{
    /// <summary>PostgreSQL keeps positions up to 16,383; later tokens share the last one (see README, known limits).</summary>
    public const int MaxPosition = 16_383;

    /// <summary>
    /// <c>'医保':1 '保政':2 '政策':3 '医' '保' '政' '策'</c>: the pairs with their positions, the characters without.
    /// A pair that occurs several times is written each time; PostgreSQL merges its positions.
    /// </summary>
    public static string Vector(TokenizedDocument tokens, StringBuilder into)
    {
        into.Clear();
        var position = 0;
        foreach (var token in Split(tokens.Pairs))
        {
            position = Math.Min(position + 1, MaxPosition);
            into.Append('\'').Append(token).Append("':").Append(position).Append(' ');
        }
        foreach (var token in Split(tokens.Chars))
        {
            into.Append('\'').Append(token).Append("' ");
        }
        return into.ToString();
    }

    /// <summary>Every word must match: a one-character word as itself, a longer one as the phrase of its pairs.</summary>
    public static string Query(IEnumerable<SearchTerm> terms) =>
        string.Join(" & ", terms.Select(t => "(" + string.Join(" <-> ", t.Tokens.Select(token => $"'{token}'")) + ")"));

    private static IEnumerable<string> Split(string tokens) => tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
