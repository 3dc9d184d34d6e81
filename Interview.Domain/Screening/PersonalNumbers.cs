using System.Globalization;
using System.Text;

namespace Interview.Domain.Screening;

/// <summary>A personal number found in a text: its kind, its span, its digits, and how many of them are a country prefix (86, 0086).</summary>
internal sealed record NumberMatch(PersonalDataKind Kind, int Start, int Length, string Digits, int PrefixDigits, int DigitsStart);

/// <summary>
/// Finds phone and ID numbers however they are spelled. The text is read as digits (ASCII, full-width, any script's
/// decimal digits, superscript and circled ones, Chinese numerals 一三九〇) and separators (spaces, dots, hyphens and
/// dashes of every width, brackets, plus, zero-width and combining characters). A run of digits with no separator in
/// it is taken whole, so a number inside a longer one (an order number) is never a phone; runs joined by up to four
/// separators are tried together, longest first, so that 139.0767.0467, 1 3 9 5 5 4 0 9 7 0 2 and (0755)83001234 are
/// found while 2026-12-07, 15.5% and 12345 are not.
/// </summary>
internal static class PersonalNumbers
{
    private const int MaxGap = 4;
    private const int MaxDigits = 22;

    /// <summary>One run of digits written without a separator, in one kind of numeral.</summary>
    private sealed record Run(string Digits, int[] Starts, int[] Ends);

    public static IReadOnlyList<NumberMatch> Find(string text)
    {
        var found = new List<NumberMatch>();
        foreach (var group in Groups(text))
        {
            var i = 0;
            while (i < group.Count)
            {
                var matched = false;
                for (var j = Math.Min(group.Count - 1, i + MaxDigits); j >= i && !matched; j--)
                {
                    var runs = group.GetRange(i, j - i + 1);
                    var digits = string.Concat(runs.Select(r => r.Digits));
                    if (digits.Length > MaxDigits || Classify(digits, out var prefix) is not { } kind)
                    {
                        continue;
                    }
                    var starts = runs.SelectMany(r => r.Starts).ToArray();
                    var end = runs[^1].Ends[^1];
                    var start = Extend(text, starts[0], end, kind, prefix);
                    found.Add(new NumberMatch(kind, start, end - start, digits, prefix, starts[prefix]));
                    i = j + 1;
                    matched = true;
                }
                if (!matched)
                {
                    i++;
                }
            }
        }
        return found;
    }

    /// <summary>The masked spelling: the country prefix as written, then 139****0467, 010-****5678 or 1101**********002X.</summary>
    public static string Masked(NumberMatch match, string narrow)
    {
        // The country prefix stays as written; an opening bracket is part of the span, but not of what replaces it.
        var prefix = match.PrefixDigits > 0 ? narrow[match.Start..match.DigitsStart] : narrow[match.Start] == '+' ? "+" : "";
        var number = match.Digits[match.PrefixDigits..];
        switch (match.Kind)
        {
            case PersonalDataKind.Mobile:
                return prefix + number[..3] + "****" + number[^4..];
            case PersonalDataKind.Landline:
                var area = AreaCodeLength(number);
                var local = number[area..];
                // The hyphen only where the spelling had room for it: masking never lengthens a text.
                var dash = prefix.Length + number.Length < match.Length ? "-" : "";
                return prefix + number[..area] + dash + new string('*', local.Length - 4) + local[^4..];
            default:
                var id = number.ToUpperInvariant();
                return id[..4] + new string('*', id.Length - 8) + id[^4..];
        }
    }

    /// <summary>What a string of digits is: a mobile (with or without 86), a landline with its area code, or an ID number.</summary>
    private static PersonalDataKind? Classify(string digits, out int prefix)
    {
        prefix = 0;
        if (digits.Contains('X', StringComparison.Ordinal))
        {
            return digits.Length == 18 && digits.IndexOf('X', StringComparison.Ordinal) == 17 && IsIdCard(digits) ? PersonalDataKind.IdCard : null;
        }
        if (IsMobile(digits))
        {
            return PersonalDataKind.Mobile;
        }
        if (IsLandline(digits))
        {
            return PersonalDataKind.Landline;
        }
        if (digits.Length is 15 or 18 && IsIdCard(digits))
        {
            return PersonalDataKind.IdCard;
        }
        foreach (var country in (ReadOnlySpan<string>)["0086", "86"])
        {
            if (digits.StartsWith(country, StringComparison.Ordinal) && digits.Length > country.Length + 8)
            {
                var rest = digits[country.Length..];
                prefix = country.Length;
                if (IsMobile(rest))
                {
                    return PersonalDataKind.Mobile;
                }
                // +86 10 6234 5678: the area code without its 0 (some still write it).
                if (IsLandline(rest) || IsLandline("0" + rest))
                {
                    return PersonalDataKind.Landline;
                }
            }
        }
        prefix = 0;
        return null;
    }

    private static bool IsMobile(string digits) => digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9';

    /// <summary>010 and 02x are three digits long, 0[3-9]xx four; the local number has 7 or 8 digits and never starts with 0 or 1.</summary>
    private static bool IsLandline(string digits)
    {
        if (digits.Length is < 10 or > 12 || digits[0] != '0')
        {
            return false;
        }
        var area = AreaCodeLength(digits);
        var local = digits.Length - area;
        return area > 0 && local is 7 or 8 && digits[area] is >= '2' and <= '9';
    }

    /// <summary>The area code's length (with its 0) at the start of <paramref name="digits"/>, 0 when none; the 0 may be missing after 86.</summary>
    private static int AreaCodeLength(string digits) => digits switch
    {
        ['0', '1', '0', ..] or ['0', '2', ..] => 3,
        ['0', >= '3' and <= '9', ..] => 4,
        ['1', '0', ..] or ['2', ..] => 2,
        [>= '3' and <= '9', ..] => 3,
        _ => 0,
    };

    /// <summary>GB 11643 (18 digits, yyyyMMdd) or the old 15-digit form (yyMMdd in the 1900s): a region and a real birth date. The check digit is not asked: a mistyped one is still someone's number.</summary>
    private static bool IsIdCard(string digits)
    {
        if (digits[0] == '0')
        {
            return false;
        }
        var birth = digits.Length == 18 ? digits.Substring(6, 8) : "19" + digits.Substring(6, 6);
        return birth[..2] is "18" or "19" or "20"
            && DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    /// <summary>A + written before the number, or the bracket that opens an area code (0755), belongs to the span.</summary>
    private static int Extend(string text, int start, int end, PersonalDataKind kind, int prefix)
    {
        if (start == 0)
        {
            return start;
        }
        var before = Narrow(text[start - 1]);
        if (before == '+' && (prefix > 0 || kind == PersonalDataKind.Mobile))
        {
            return start - 1;
        }
        // (0755)83001234, （０７５５）８３００１２３４: the bracket opens what the span closes.
        var closes = before switch { '(' => ")）", '[' => "]］", '【' => "】", '〔' => "〕", _ => "" };
        return closes.Length > 0 && text.AsSpan(start, end - start).IndexOfAny(closes) >= 0 ? start - 1 : start;
    }

    /// <summary>The text's runs of digits, in groups of runs that only separators (at most four in a row) hold apart.</summary>
    private static IEnumerable<List<Run>> Groups(string text)
    {
        var group = new List<Run>();
        var digits = new StringBuilder();
        List<int> starts = [], ends = [];
        var chinese = false;
        var gap = 0;
        var index = 0;
        while (index < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var end = index + consumed;
            var digit = status == System.Buffers.OperationStatus.Done ? DigitOf(rune, text, index, end) : null;
            if (digit is { } d)
            {
                var isChinese = ChineseNumerals.Contains(rune.Value);
                // A change of numeral (一 then 1) starts a new run, so 第一13800138000 still holds the phone.
                if (digits.Length > 0 && (gap > 0 || isChinese != chinese))
                {
                    group.Add(new Run(digits.ToString(), [.. starts], [.. ends]));
                    digits.Clear();
                    starts.Clear();
                    ends.Clear();
                }
                digits.Append(d);
                starts.Add(index);
                ends.Add(end);
                chinese = isChinese;
                gap = 0;
            }
            else if (status == System.Buffers.OperationStatus.Done && IsSeparator(rune) && (digits.Length > 0 || group.Count > 0) && gap < MaxGap)
            {
                gap++;
            }
            else if (digits.Length > 0 || group.Count > 0)
            {
                if (digits.Length > 0)
                {
                    group.Add(new Run(digits.ToString(), [.. starts], [.. ends]));
                }
                yield return group;
                group = [];
                digits.Clear();
                starts.Clear();
                ends.Clear();
                gap = 0;
            }
            index = end;
        }
        if (digits.Length > 0)
        {
            group.Add(new Run(digits.ToString(), [.. starts], [.. ends]));
        }
        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private static readonly Dictionary<int, char> ChineseDigits = new()
    {
        ['〇'] = '0', ['零'] = '0', ['○'] = '0', ['一'] = '1', ['幺'] = '1', ['壹'] = '1', ['二'] = '2', ['贰'] = '2',
        ['三'] = '3', ['叁'] = '3', ['四'] = '4', ['肆'] = '4', ['五'] = '5', ['伍'] = '5', ['六'] = '6', ['陆'] = '6',
        ['七'] = '7', ['柒'] = '7', ['八'] = '8', ['捌'] = '8', ['九'] = '9', ['玖'] = '9',
    };

    private static readonly HashSet<int> ChineseNumerals = [.. ChineseDigits.Keys];

    /// <summary>The digit a character stands for, or null. X counts (as the last character of an ID) when no other letter touches it.</summary>
    private static char? DigitOf(Rune rune, string text, int start, int end)
    {
        if (rune.Value is >= '0' and <= '9')
        {
            return (char)rune.Value;
        }
        if (rune.Value is 'X' or 'x' or 'Ｘ' or 'ｘ')
        {
            var before = start > 0 && char.IsAsciiLetter(Narrow(text[start - 1]));
            var after = end < text.Length && char.IsAsciiLetter(Narrow(text[end]));
            return before || after ? null : 'X';
        }
        if (ChineseDigits.TryGetValue(rune.Value, out var chinese))
        {
            return chinese;
        }
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber)
        {
            // Full-width, Arabic-Indic, mathematical, superscript and circled digits: ① is 1, but ⑩ is not one digit.
            var value = Rune.GetNumericValue(rune);
            if (value is >= 0 and <= 9 && value == Math.Floor(value))
            {
                return (char)('0' + (int)value);
            }
        }
        return null;
    }

    private static bool IsSeparator(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return true;
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DashPunctuation)
        {
            return true;
        }
        return rune.Value < 0x10000 && Narrow((char)rune.Value) is '.' or '·' or '•' or '・' or '_' or '/' or '\\' or '(' or ')' or '[' or ']'
            or '【' or '】' or '〔' or '〕' or '+' or '~' or '−';
    }

    /// <summary>A full-width form as its ASCII one (Ａ → A, ． → .).</summary>
    internal static char Narrow(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };
}
