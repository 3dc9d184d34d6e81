using System.Text;

namespace Interview.Domain;

/// <summary>
/// The two things every text path needs from Unicode, made total: <see cref="Clean"/> is what any text typed by anyone
/// (a citizen, a staff member, an API client) becomes before it is kept, and <see cref="Normalize"/> normalises any
/// string without ever throwing. .NET's own normalisation throws on U+FFFE (and, with other ICU versions, may on other
/// code points), and one such character in one entry once made publishing the session fail with 500 for good.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// Line breaks become LF; control characters other than LF and tab (NUL among them), lone surrogates and
    /// noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane) are dropped: none of them means
    /// anything to a reader, XML cannot carry most of them, and UTF-8 cannot carry a lone surrogate at all. The ends are
    /// trimmed. Everything else stays as typed, unassigned code points included (a newer Unicode may assign them).
    /// Idempotent, and the result is well-formed UTF-16.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (IsClean(text))
        {
            return text.Trim();
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                kept.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    kept.Append(c).Append(text[i + 1]);
                }
                i++;
            }
            else if (IsKept(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString().Trim();
    }

    /// <summary>
    /// <paramref name="text"/> in the normalisation form <paramref name="form"/>; never throws. When .NET refuses the
    /// whole, lone surrogates and noncharacters stay as they are and the stretches between are normalised (a stretch
    /// still refused is kept as it is).
    /// </summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryNormalize(text, form, out var normalized))
        {
            return normalized;
        }
        var result = new StringBuilder(text.Length);
        var start = 0;
        var index = 0;
        while (index < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || IsNoncharacter(rune.Value))
            {
                AppendNormalized(result, text[start..index], form);
                result.Append(text, index, consumed);
                start = index + consumed;
            }
            index += consumed;
        }
        AppendNormalized(result, text[start..], form);
        return result.ToString();
    }

    /// <summary>U+FDD0–U+FDEF and U+xxFFFE, U+xxFFFF in every plane: code points Unicode reserves never to assign.</summary>
    public static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static void AppendNormalized(StringBuilder result, string stretch, NormalizationForm form) =>
        // A stretch that is still refused (a code point some future ICU dislikes) is kept as it was.
        result.Append(TryNormalize(stretch, form, out var normalized) ? normalized : stretch);

    private static bool TryNormalize(string text, NormalizationForm form, out string normalized)
    {
        try
        {
            normalized = text.IsNormalized(form) ? text : text.Normalize(form);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = text;
            return false;
        }
    }

    /// <summary>Whether <see cref="Clean"/> has nothing to drop or change except the ends (the common case, no copy).</summary>
    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return false;
                }
                i++;
            }
            else if (c == '\r' || !IsKept(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A single UTF-16 unit that may stay (a surrogate reaching here is lone).</summary>
    private static bool IsKept(char c) =>
        c is '\n' or '\t' || !(char.IsControl(c) || char.IsSurrogate(c) || IsNoncharacter(c));
}
