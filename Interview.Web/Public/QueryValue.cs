using System.Globalization;

namespace Interview.Web.Public;

/// <summary>
/// Numbers read from a page's query string. Pages take them as text and parse here: a hand-edited or hostile address
/// (<c>?page=abc</c>, <c>?refresh=99999999999</c>) gets the default, never an error page.
/// </summary>
public static class QueryValue
{
    /// <summary>A whole number within [min, max], or null when the text is missing or not such a number.</summary>
    public static int? Number(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : null;
}
