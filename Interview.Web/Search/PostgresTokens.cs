using System.Buffers.Binary;
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

    /// <summary>PostgreSQL keeps the first 256 positions of a lexeme in a document.</summary>
    public const int MaxPositions = 256;

    /// <summary>
    /// <c>'医保':1 '保政':2 '政策':3 '策'</c>: the pairs with their positions, and without one only the characters
    /// that start no pair (<see cref="LoneChars"/>). A pair that occurs several times is written each time; PostgreSQL
    /// merges its positions.
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
        foreach (var token in LoneChars(tokens))
        {
            into.Append('\'').Append(token).Append("' ");
        }
        return into.ToString();
    }

    /// <summary>
    /// The characters that need a key of their own: those that start no pair of the document. Every character but a
    /// text's last starts the pair with the one after it (across a break too: 保·政), and a one-character query looks
    /// for its character as a prefix (<c>'保':*</c>, <see cref="Query"/>), which finds 保 in 医保政 by the pair 保政. So a
    /// document has about one such character, where one key per distinct character was some 40% of its keys, and of
    /// the GIN index's build time.
    /// </summary>
    public static IEnumerable<string> LoneChars(TokenizedDocument tokens)
    {
        var starts = new HashSet<int>();
        foreach (var token in Split(tokens.Pairs))
        {
            starts.Add(char.ConvertToUtf32(token, 0));
        }
        return Split(tokens.Chars).Where(c => !starts.Contains(char.ConvertToUtf32(c, 0)));
    }

    /// <summary>
    /// The same vector as <see cref="Vector"/> in <c>tsvector</c>'s binary form, for a binary <c>COPY</c>: the server
    /// then neither parses nor sorts it (its receive function only checks the order). So it must be what the text form
    /// becomes: each lexeme once, sorted as PostgreSQL compares them (UTF-8 bytes, a prefix before a longer lexeme), its
    /// positions ascending without repeats and no more than <see cref="MaxPositions"/>. Layout: the number of lexemes;
    /// then each lexeme's UTF-8 and a zero byte, its number of positions and the positions (weight D, so the position
    /// itself), integers big-endian.
    /// </summary>
    /// <remarks>
    /// With <paramref name="documents"/>, also counts the document in each of its pairs' and characters' totals (a
    /// character's: the documents that hold it anywhere, what a one-character query finds).
    /// </remarks>
    public static byte[] BinaryVector(TokenizedDocument tokens, PostgresLexemeCounts? documents = null)
    {
        var lexemes = new Dictionary<string, List<ushort>?>(StringComparer.Ordinal);
        var position = 0;
        foreach (var token in Split(tokens.Pairs))
        {
            position = Math.Min(position + 1, MaxPosition);
            if (!lexemes.TryGetValue(token, out var positions))
            {
                lexemes[token] = positions = [];
            }
            if (positions!.Count < MaxPositions && (positions.Count == 0 || positions[^1] < position))
            {
                positions.Add((ushort)position);
            }
        }
        if (documents is not null)
        {
            foreach (var pair in lexemes.Keys)
            {
                documents.Add(pair);
            }
            foreach (var character in Split(tokens.Chars))
            {
                documents.Add(character);
            }
        }
        foreach (var token in LoneChars(tokens))
        {
            lexemes.TryAdd(token, null);
        }
        var sorted = lexemes.Select(l => (Bytes: Encoding.UTF8.GetBytes(l.Key), Positions: l.Value)).ToList();
        sorted.Sort((a, b) => a.Bytes.AsSpan().SequenceCompareTo(b.Bytes));
        var size = 4 + sorted.Sum(l => l.Bytes.Length + 3 + (2 * (l.Positions?.Count ?? 0)));
        var into = new byte[size];
        var at = 0;
        BinaryPrimitives.WriteInt32BigEndian(into, sorted.Count);
        at += 4;
        foreach (var (bytes, positions) in sorted)
        {
            bytes.CopyTo(into, at);
            at += bytes.Length + 1;
            BinaryPrimitives.WriteUInt16BigEndian(into.AsSpan(at), (ushort)(positions?.Count ?? 0));
            at += 2;
            foreach (var p in positions ?? [])
            {
                BinaryPrimitives.WriteUInt16BigEndian(into.AsSpan(at), p);
                at += 2;
            }
        }
        return into;
    }

    /// <summary>
    /// Every word must match: a one-character word as a prefix (its own key or any pair it starts, see
    /// <see cref="LoneChars"/>), a longer one as the phrase of its pairs.
    /// </summary>
    public static string Query(IEnumerable<SearchTerm> terms) =>
        string.Join(" & ", terms.Select(t => t.PairsMatch is null
            ? $"('{t.Tokens[0]}':*)"
            : "(" + string.Join(" <-> ", t.Tokens.Select(token => $"'{token}'")) + ")"));


    private static IEnumerable<string> Split(string tokens) => tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
