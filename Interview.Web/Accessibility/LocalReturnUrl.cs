using System.Text;

namespace Interview.Web.Accessibility;

/// <summary>
/// A return address taken from the query string, made safe to redirect to: a path on this site or <c>/</c>. Browsers
/// read <c>//host</c> and <c>/\host</c> as another site and drop tabs and line breaks before they do, so anything with
/// a backslash, a control character or a second leading slash is refused, not repaired.
/// </summary>
public static class LocalReturnUrl
{
    private const int MaxLength = 2048;

    /// <summary><paramref name="returnUrl"/>, escaped for a Location header, when it is a local path; else <c>/</c>.</summary>
    public static string Safe(string? returnUrl) => IsLocal(returnUrl) ? Escape(returnUrl) : "/";

    /// <summary>Whether <paramref name="returnUrl"/> is a path on this site and nothing a browser could read as another.</summary>
    public static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxLength } url && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsControl(c));

    /// <summary>
    /// A Location header carries ASCII only: Chinese in a search query (<c>/search?q=医保</c>) and spaces go out
    /// percent-encoded as UTF-8, as a browser would send them.
    /// </summary>
    private static string Escape(string url)
    {
        var escaped = new StringBuilder(url.Length);
        foreach (var b in Encoding.UTF8.GetBytes(url))
        {
            if (b is > 0x20 and < 0x7F && b != (byte)'"' && b != (byte)'<' && b != (byte)'>')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }
}
