using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Interview.Domain.Screening;

public enum PersonalDataKind
{
    /// <summary>A mainland mobile number: 1[3-9] and nine more digits, optionally +86 before it.</summary>
    Mobile,
    /// <summary>An 18-digit resident ID number with a real birth date and a correct check digit.</summary>
    IdCard,
    Email,
}

/// <summary>Personal data found in a text: what it is and where (start and length in the original text).</summary>
public sealed record PersonalDataMatch(PersonalDataKind Kind, int Start, int Length);

/// <summary>
/// Finds mobile numbers, ID card numbers and e-mail addresses in a citizen's text (PIPL: they must not be published),
/// and masks them: 138****1234, 1101**********1234, a***@example.com. Full-width digits and letters count, and so do
/// spaces or hyphens between the digits. Runs of digits are taken whole: a number inside a longer one (an order
/// number, an ID) is not a phone; years, amounts and short hotlines (12345) are never matched.
/// </summary>
public static partial class PersonalData
{
    public static string DisplayName(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Mobile => "手机号",
        PersonalDataKind.IdCard => "身份证号",
        PersonalDataKind.Email => "电子邮箱",
        _ => kind.ToString(),
    };

    /// <summary>Every piece found, by position; where two overlap (a phone number as an e-mail's name) the ID number, then the e-mail wins.</summary>
    public static IReadOnlyList<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The width-folded copy has the same length as the text, so positions carry over unchanged.
        var narrow = Narrow(text);
        var found = new List<PersonalDataMatch>();
        foreach (Match match in IdCardPattern().Matches(narrow))
        {
            if (IsValidIdCard(Digits(match.Value)))
            {
                found.Add(new PersonalDataMatch(PersonalDataKind.IdCard, match.Index, match.Length));
            }
        }
        AddUnlessOverlapping(found, EmailPattern().Matches(narrow), PersonalDataKind.Email);
        AddUnlessOverlapping(found, MobilePattern().Matches(narrow), PersonalDataKind.Mobile);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The text with every piece of personal data masked; unchanged when there is none.</summary>
    public static string Mask(string text)
    {
        var found = Find(text);
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
            masked.Append(Masked(match.Kind, narrow.Substring(match.Start, match.Length)));
            at = match.Start + match.Length;
        }
        return masked.Append(text, at, text.Length - at).ToString();
    }

    private static string Masked(PersonalDataKind kind, string value)
    {
        switch (kind)
        {
            case PersonalDataKind.Mobile:
                // Keep a +86 written before it; the number itself as 138****1234.
                var prefix = CountryPrefixPattern().Match(value).Value;
                var number = Digits(value[prefix.Length..]);
                return prefix + number[..3] + "****" + number[^4..];
            case PersonalDataKind.IdCard:
                // Province and city stay (the first four); the county, the birth date and the sequence go.
                var id = Digits(value).ToUpperInvariant();
                return id[..4] + new string('*', 10) + id[^4..];
            default:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                var name = value[..at];
                return (name.Length == 1 ? "*" : name[0] + new string('*', Math.Min(3, name.Length - 1))) + value[at..];
        }
    }

    private static void AddUnlessOverlapping(List<PersonalDataMatch> found, MatchCollection matches, PersonalDataKind kind)
    {
        foreach (Match match in matches)
        {
            if (!found.Any(f => match.Index < f.Start + f.Length && f.Start < match.Index + match.Length))
            {
                found.Add(new PersonalDataMatch(kind, match.Index, match.Length));
            }
        }
    }

    /// <summary>Full-width forms (０-９, Ａ-ｚ, ＠, －, the ideographic space) and dashes as their ASCII forms, one for one.</summary>
    private static string Narrow(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                _ => c,
            };
        }
    });

    private static string Digits(string value) => new([.. value.Where(c => c is (>= '0' and <= '9') or 'X' or 'x')]);

    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckDigits = "10X98765432";

    /// <summary>GB 11643: a real birth date, and the check digit from the weighted sum of the first seventeen (mod 11).</summary>
    internal static bool IsValidIdCard(string id)
    {
        if (id.Length != 18 ||
            !DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * IdWeights[i];
        }
        return char.ToUpperInvariant(id[17]) == IdCheckDigits[sum % 11];
    }

    // 110105 19491231 002X, also written in its 6-8-4 groups.
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}[ -]?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ -]?[0-9]{3}[0-9Xx](?![0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex IdCardPattern();

    // 13800138000, 138 0013 8000, 138-0013-8000, +86 138 0013 8000; never part of a longer run of digits.
    [GeneratedRegex(@"(?<![0-9+])(?:\+?86[ -]?)?1[3-9](?:[ -]?[0-9]){9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^\+?86[ -]?", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPrefixPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
