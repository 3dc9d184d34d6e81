using System.Globalization;
using System.Text;
using Interview.Domain;

namespace Interview.Web.Search;

/// <summary>
/// How text is folded for search, the one definition that the index, queries, relevance and snippets share.
/// Full-width forms become half-width (NFKC), Latin is lower-cased; letters and digits (Chinese characters included)
/// are kept; spaces, zero-width characters and combining marks are ignored; any other character (punctuation, a line
/// break) is a break that a match may not cross. A query matches where its folded form is a substring of the
/// entry's folded form: 医保 matches 医保 and never 保医, H1N1 matches "h1n1流感" and "Ｈ１Ｎ１".
/// </summary>
public static class SearchText
{
    /// <summary>The break in folded strings.</summary>
    public const char Break = '\u0001';

    /// <summary>The break inside an index token (保·政); never a letter or digit, and a token character to FTS5.</summary>
    public const string BreakToken = "\u00B7";

    /// <summary>
    /// Folds <paramref name="text"/>, keeping for every folded character where it came from, so that a match in the
    /// folded form can be marked in the original.
    /// </summary>
    public static FoldedText Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var pendingBreak = false;
        var breakStart = 0;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var end = index + consumed;
            var kind = FoldOne(rune, out var value);
            if (kind == Kind.Expand)
            {
                foreach (var (part, partValue) in Expand(rune))
                {
                    Handle(part, partValue);
                }
            }
            else
            {
                Handle(kind, value);
            }
            index = end;

            void Handle(Kind kind, Rune value)
            {
                if (kind == Kind.Break)
                {
                    breakStart = pendingBreak ? breakStart : index;
                    pendingBreak = true;
                }
                else if (kind == Kind.Keep)
                {
                    if (pendingBreak && folded.Length > 0)
                    {
                        folded.Append(Break);
                        starts.Add(breakStart);
                        ends.Add(index);
                    }
                    pendingBreak = false;
                    Span<char> units = stackalloc char[2];
                    var width = value.EncodeToUtf16(units);
                    for (var i = 0; i < width; i++)
                    {
                        folded.Append(units[i]);
                        starts.Add(index);
                        ends.Add(end);
                    }
                }
            }
        }
        return new FoldedText(folded.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>The folded form alone (queries, tests).</summary>
    public static string FoldedForm(string text) => Fold(text).Value;

    /// <summary>
    /// Writes the index tokens of <paramref name="text"/>: into <paramref name="pairs"/> every two neighbouring
    /// characters of a run as one token (医保政策 → 医保 保政 政策) and, at a break, the characters on either side with
    /// the break between them (医保，政策 → 医保 保·政 政策), so that a phrase of these tokens matches exactly where
    /// the folded text occurs; into <paramref name="chars"/> each character once, for one-character queries.
    /// </summary>
    public static void Tokenize(string text, StringBuilder pairs, StringBuilder chars, HashSet<int> seen)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(chars);
        ArgumentNullException.ThrowIfNull(seen);
        seen.Clear();
        var previous = default(Rune);
        var started = false;
        var pendingBreak = false;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            index += consumed;
            var kind = FoldOne(rune, out var value);
            if (kind == Kind.Expand)
            {
                foreach (var (part, partValue) in Expand(rune))
                {
                    Handle(part, partValue);
                }
            }
            else
            {
                Handle(kind, value);
            }
        }

        void Handle(Kind kind, Rune value)
        {
            if (kind == Kind.Break)
            {
                pendingBreak = started;
                return;
            }
            if (kind != Kind.Keep)
            {
                return;
            }
            if (started)
            {
                Append(pairs, previous);
                if (pendingBreak)
                {
                    pairs.Append(BreakToken);
                }
                Append(pairs, value).Append(' ');
            }
            pendingBreak = false;
            previous = value;
            started = true;
            if (seen.Add(value.Value))
            {
                Append(chars, value).Append(' ');
            }
        }
    }

    private static StringBuilder Append(StringBuilder builder, Rune rune)
    {
        if (rune.IsBmp)
        {
            return builder.Append((char)rune.Value);
        }
        Span<char> units = stackalloc char[2];
        rune.EncodeToUtf16(units);
        return builder.Append(units);
    }

    internal enum Kind
    {
        Keep,
        Ignore,
        Break,
        /// <summary>NFKC makes several characters of this one (㎡ → m2): see <see cref="Expand"/>.</summary>
        Expand,
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (Kind, Rune)[]> Expansions = new();

    /// <summary>What one character becomes: itself lower-cased, nothing, a break, or several characters.</summary>
    internal static Kind FoldOne(Rune rune, out Rune value)
    {
        var code = rune.Value;
        // Fast paths for what most text is made of: ASCII, CJK ideographs and full-width forms.
        if (code < 0x80)
        {
            return Ascii(code, out value);
        }
        if (code is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF)
        {
            value = rune;
            return Kind.Keep;
        }
        if (code is >= 0xFF01 and <= 0xFF5E)
        {
            return Ascii(code - 0xFEE0, out value);
        }
        // Ideographs of the supplementary planes (outside the compatibility block) are their own NFKC form; unassigned
        // and private-use code points are nothing to search for. Most of the 1.1 million code points are one or the other.
        if (code is >= 0x20000 and < 0x2F800 or >= 0x30000 and < 0x40000 && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter)
        {
            value = rune;
            return Kind.Keep;
        }
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
        {
            value = default;
            return Kind.Break;
        }
        var expanded = Expand(rune);
        if (expanded.Length == 1)
        {
            (var kind, value) = expanded[0];
            return kind;
        }
        value = default;
        return expanded.Length == 0 ? Kind.Ignore : Kind.Expand;
    }

    private static Kind Ascii(int code, out Rune value)
    {
        value = default;
        switch (code)
        {
            case >= 'A' and <= 'Z':
                value = new Rune(code + 32);
                return Kind.Keep;
            case >= 'a' and <= 'z' or >= '0' and <= '9':
                value = new Rune(code);
                return Kind.Keep;
            case ' ' or '\t':
                return Kind.Ignore;
            default:
                return Kind.Break;
        }
    }

    /// <summary>
    /// The NFKC form of a character, folded; remembered, as few distinct characters take this path in real text. The
    /// memory is bounded: queries can bring any of the 1.1 million code points, and past the bound each is worked out
    /// again instead of kept.
    /// </summary>
    internal static (Kind Kind, Rune Value)[] Expand(Rune rune)
    {
        if (Expansions.TryGetValue(rune.Value, out var known))
        {
            return known;
        }
        var expanded = ExpandUncached(rune.Value);
        if (!_remembersNoMore)
        {
            Expansions.TryAdd(rune.Value, expanded);
            _remembersNoMore = Expansions.Count >= MaxRemembered;
        }
        return expanded;
    }

    private const int MaxRemembered = 20_000;
    private static volatile bool _remembersNoMore;

    private static (Kind Kind, Rune Value)[] ExpandUncached(int code)
    {
        // Never throws: U+FFFE, which .NET refuses to normalise, once made publishing and searching fail.
        var normalized = UnicodeText.Normalize(char.ConvertFromUtf32(code), NormalizationForm.FormKC);
        var parts = new List<(Kind, Rune)>(1);
        foreach (var part in normalized.EnumerateRunes())
        {
            if (part.Value < 0x80)
            {
                var kind = Ascii(part.Value, out var ascii);
                parts.Add((kind, ascii));
            }
            else
            {
                parts.Add(Classify(part));
            }
        }
        return [.. parts];
    }

    private static (Kind, Rune) Classify(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => (Kind.Keep, Rune.ToLowerInvariant(rune)),
        UnicodeCategory.SpaceSeparator or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => (Kind.Ignore, default),
        _ => (Kind.Break, default),
    };
}

/// <summary>
/// A folded string and, for each of its UTF-16 units, the range of the original text it came from (a break covers
/// the characters it replaced).
/// </summary>
public sealed record FoldedText(string Value, int[] Starts, int[] Ends);
