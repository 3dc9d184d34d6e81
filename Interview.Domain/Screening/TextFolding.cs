using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Interview.Domain.Screening;

/// <summary>
/// Text as the sensitive-word matcher sees it: only letters and digits, compatibility forms unfolded (NFKD: full-width
/// Ａ → A, ① → 1), lower case, traditional characters as their simplified forms (測試 → 测试). Everything else is dropped:
/// spaces, punctuation, symbols and emoji, zero-width and other format characters, variation selectors and combining
/// marks, so that characters pulled apart with any of these still meet. List words are folded the same way.
/// </summary>
public static class TextFolding
{
    private const string TableResource = "Interview.Domain.Screening.Data.TraditionalToSimplified.txt";

    private static readonly Lazy<FrozenDictionary<int, int>> Simplified = new(LoadTable);

    /// <summary>How many traditional (and variant) characters the table maps; for tests and the admin page.</summary>
    public static int TableSize => Simplified.Value.Count;

    /// <summary>The folded form alone, e.g. for a list word.</summary>
    public static string Fold(string text) => FoldWithMap(text).Value;

    /// <summary>The folded form with a map from each folded character back to the original text.</summary>
    public static FoldedText FoldWithMap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new Folding(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            // A lone surrogate decodes as invalid and is dropped, like any other non-letter.
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var end = index + consumed;
            if (status == System.Buffers.OperationStatus.Done)
            {
                FoldRune(rune, index, end, folded);
            }
            index = end;
        }
        return new FoldedText(text, folded.Value.ToString(), [.. folded.Starts], [.. folded.Ends]);
    }

    private static void FoldRune(Rune rune, int start, int end, Folding folded)
    {
        if (rune.IsAscii)
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                folded.Add(Rune.ToLowerInvariant(rune), start, end);
            }
            return;
        }
        if (IsPlainIdeograph(rune.Value))
        {
            folded.Add(ToSimplified(rune), start, end);
            return;
        }
        if (IsNeverKept(Rune.GetUnicodeCategory(rune)))
        {
            return;
        }
        foreach (var part in Decomposed(rune).EnumerateRunes())
        {
            if (IsKept(Rune.GetUnicodeCategory(part)))
            {
                folded.Add(ToSimplified(Rune.ToLowerInvariant(part)), start, end);
            }
        }
    }

    /// <summary>Code points that normalisation refuses (noncharacters such as U+FFFE) are taken as they are.</summary>
    private static string Decomposed(Rune rune) => UnicodeText.Normalize(rune.ToString(), NormalizationForm.FormKD);

    /// <summary>Separators, controls, format characters, private-use and unassigned code points: nothing in them decomposes to a letter.</summary>
    private static bool IsNeverKept(UnicodeCategory category) => category is
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or
        UnicodeCategory.Surrogate or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    /// <summary>CJK unified ideographs have no compatibility decomposition: the common case skips normalisation.</summary>
    private static bool IsPlainIdeograph(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and < 0x2F800);

    private static bool IsKept(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private sealed class Folding(int capacity)
    {
        public StringBuilder Value { get; } = new(capacity);
        public List<int> Starts { get; } = new(capacity);
        public List<int> Ends { get; } = new(capacity);

        public void Add(Rune rune, int start, int end)
        {
            Span<char> buffer = stackalloc char[2];
            var written = rune.EncodeToUtf16(buffer);
            for (var i = 0; i < written; i++)
            {
                Value.Append(buffer[i]);
                Starts.Add(start);
                Ends.Add(end);
            }
        }
    }

    private static Rune ToSimplified(Rune rune) =>
        Simplified.Value.TryGetValue(rune.Value, out var simplified) ? new Rune(simplified) : rune;

    /// <summary>The OpenCC table shipped as a resource: one line per character, traditional then simplified.</summary>
    private static FrozenDictionary<int, int> LoadTable()
    {
        using var stream = typeof(TextFolding).Assembly.GetManifestResourceStream(TableResource)
            ?? throw new InvalidOperationException($"Missing resource {TableResource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, int>();
        while (reader.ReadLine() is { } line)
        {
            var runes = line.EnumerateRunes().ToArray();
            if (runes.Length == 2)
            {
                table[runes[0].Value] = runes[1].Value;
            }
        }
        return table.ToFrozenDictionary();
    }
}

/// <summary>
/// A folded text and, for each of its UTF-16 characters, the span of the original text it came from (one original
/// character may unfold into several, e.g. ㈱; several are never merged into one).
/// </summary>
public sealed class FoldedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal FoldedText(string original, string value, int[] starts, int[] ends)
    {
        Original = original;
        Value = value;
        _starts = starts;
        _ends = ends;
    }

    public string Original { get; }
    public string Value { get; }

    /// <summary>The original span (start, length) that the folded characters [start, start + length) came from.</summary>
    public (int Start, int Length) OriginalSpan(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Value.Length);
        var from = _starts[start];
        return (from, _ends[start + length - 1] - from);
    }
}
