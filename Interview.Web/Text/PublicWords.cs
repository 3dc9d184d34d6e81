using System.Globalization;

namespace Interview.Web.Text;

/// <summary>
/// Resources/Public read without a localizer, for code that words text outside a component (the archive's Markdown
/// file, durations shared with it): the same keys and the same culture as the pages' <c>IStringLocalizer&lt;Public&gt;</c>.
/// </summary>
public static class PublicWords
{
    public static string Word(string key) => ResourceText.Get(typeof(Resources.Public), key);

    public static string Word(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Word(key), arguments);

    /// <summary>A span as people say it: minutes within the hour, hours within two days, then days.</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalMinutes: < 1 } => Word("DurationUnderMinute"),
        { TotalHours: < 1 } s => Word("DurationMinutes", (int)s.TotalMinutes),
        { TotalHours: < 48 } s => Word("DurationHours", s.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)),
        var s => Word("DurationDays", s.Value.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)),
    };
}
