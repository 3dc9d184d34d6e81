using System.Text;
using System.Text.RegularExpressions;

namespace Interview.Domain.Screening;

public enum PersonalDataKind
{
    /// <summary>A mainland mobile number: 1[3-9] and nine more digits, optionally 86, +86 or 0086 before it.</summary>
    Mobile,
    /// <summary>A resident ID number: 18 digits (the last may be X) or the old 15, with a real birth date; any check digit.</summary>
    IdCard,
    Email,
    /// <summary>A fixed-line number with its area code: 010-62345678, (0755)83001234, +86 21 6432 1234.</summary>
    Landline,
}

/// <summary>Personal data found in a text: what it is and where (start and length in the original text).</summary>
public sealed record PersonalDataMatch(PersonalDataKind Kind, int Start, int Length);

/// <summary>
/// Finds mobile, landline and ID numbers and e-mail addresses in a citizen's text (PIPL: they must not be published),
/// however they are spelled (see <see cref="PersonalNumbers"/>: dots, spaces, dashes, full-width or Chinese digits,
/// +86), and masks them: 138****1234, 010-****5678, 1101**********1234, a***@example.com. Years, amounts, dates,
/// percentages and short hotlines (12345) are never matched, nor a number inside a longer run of digits.
/// </summary>
public static partial class PersonalData
{
    public static string DisplayName(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Mobile => "手机号",
        PersonalDataKind.IdCard => "身份证号",
        PersonalDataKind.Email => "电子邮箱",
        PersonalDataKind.Landline => "固定电话",
        _ => kind.ToString(),
    };

    /// <summary>Every piece found, by position; a number inside an e-mail address (12345678@qq.com) is the address.</summary>
    public static IReadOnlyList<PersonalDataMatch> Find(string text) =>
        [.. Matches(text).Select(m => new PersonalDataMatch(m.Kind, m.Start, m.Length))];

    /// <summary>Whether the text holds any personal data.</summary>
    public static bool Contains(string text) => Matches(text).Count > 0;

    /// <summary>The text with every piece of personal data masked; unchanged when there is none. Never longer than the text.</summary>
    public static string Mask(string text)
    {
        var found = Matches(text);
        if (found.Count == 0)
        {
            return text;
        }
        var narrow = Narrow(text);
        var masked = new StringBuilder(text.Length);
        var at = 0;
        foreach (var match in found)
        {
            masked.Append(text, at, match.Start - at);
            masked.Append(match.Kind == PersonalDataKind.Email
                ? MaskedEmail(narrow.Substring(match.Start, match.Length))
                : PersonalNumbers.Masked(match, narrow));
            at = match.Start + match.Length;
        }
        return masked.Append(text, at, text.Length - at).ToString();
    }

    private static List<NumberMatch> Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The width-folded copy has the same length as the text, so positions carry over unchanged.
        var narrow = Narrow(text);
        var found = EmailPattern().Matches(narrow)
            .Select(m => new NumberMatch(PersonalDataKind.Email, m.Index, m.Length, "", 0, m.Index)).ToList();
        foreach (var number in PersonalNumbers.Find(text))
        {
            if (!found.Any(f => number.Start < f.Start + f.Length && f.Start < number.Start + number.Length))
            {
                found.Add(number);
            }
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>z***@example.com: the first character of the name, and the domain as an address (spaces and (dot) gone).</summary>
    private static string MaskedEmail(string value)
    {
        var at = AtSignPattern().Match(value);
        var name = value[..at.Index];
        var domain = DotPattern().Replace(value[(at.Index + at.Length)..], ".");
        return (name.Length == 1 ? "*" : name[0] + new string('*', Math.Min(3, name.Length - 1))) + "@" + domain;
    }

    /// <summary>Full-width forms (０-９, Ａ-ｚ, ＠, －, the ideographic space) as their ASCII forms, one for one.</summary>
    private static string Narrow(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = PersonalNumbers.Narrow(source[i]);
        }
    });

    // zhang.san@example.com, also li ＠ qq . com, li(at)qq(dot)com, li[at]qq.com and li#qq.com (written so to dodge
    // address harvesters).
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s{0,2}(?:@|\(at\)|\[at\]|#)\s{0,2}(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\s{0,2}(?:\.|\(dot\)|\[dot\])\s{0,2})+[A-Za-z]{2,24}(?![A-Za-z0-9-])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\s*(?:@|\(at\)|\[at\]|#)\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AtSignPattern();

    [GeneratedRegex(@"\s*(?:\.|\(dot\)|\[dot\])\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DotPattern();
}
