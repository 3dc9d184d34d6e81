using System.Runtime.InteropServices;
using System.Text;

namespace Interview.Web.Search;

/// <summary>
/// A rebuild's count of documents per pair and character (<c>search_common</c>). Some 150 million counts at a million
/// documents, so each token is a number, not a string: one character, two, or two with the break between them
/// (<see cref="SearchText.BreakToken"/>) fit in a <c>long</c>, whose hashing costs a fraction of a string's.
/// </summary>
internal sealed class PostgresLexemeCounts
{
    private readonly Dictionary<long, int> _counts = [];

    public void Add(string token) => CollectionsMarshal.GetValueRefOrAddDefault(_counts, Key(token), out _)++;

    /// <summary>The tokens found in more than <paramref name="limit"/> documents, with their counts.</summary>
    public List<(string Token, int Documents)> Above(int limit) =>
        _counts.Where(c => c.Value > limit).Select(c => (Token(c.Key), c.Value)).ToList();

    public void Clear() => _counts.Clear();

    /// <summary>First character, second (0 for none) and whether a break parts them: 21 bits, 21 and 1.</summary>
    internal static long Key(string token)
    {
        var first = Rune.GetRuneAt(token, 0);
        var at = first.Utf16SequenceLength;
        var broken = at < token.Length && token[at] == SearchText.BreakToken[0];
        if (broken)
        {
            at++;
        }
        var second = at < token.Length ? Rune.GetRuneAt(token, at).Value : 0;
        return ((long)first.Value << 22) | ((long)second << 1) | (broken ? 1L : 0L);
    }

    internal static string Token(long key)
    {
        var text = new StringBuilder(5).Append(new Rune((int)(key >> 22)));
        if ((key & 1) == 1)
        {
            text.Append(SearchText.BreakToken);
        }
        var second = (int)((key >> 1) & 0x1FFFFF);
        if (second != 0)
        {
            text.Append(new Rune(second));
        }
        return text.ToString();
    }
}
