using System.Globalization;

namespace Interview.Web.Components.Admin;

/// <summary>
/// How the consoles show and read times: Beijing time (UTC+8; China has no daylight saving), whatever zone the
/// server or the browser is in. A <c>datetime-local</c> field carries no zone, so what staff type is read as Beijing time.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private const string InputFormat = "yyyy-MM-dd'T'HH:mm";
    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>2026-11-22 10:00:00</summary>
    public static string Display(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>2026-11-22 10:00</summary>
    public static string Minutes(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of a <c>datetime-local</c> field: 2026-11-22T10:00.</summary>
    public static string ToInput(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value read as Beijing time, or null when it is empty or malformed.</summary>
    public static DateTimeOffset? FromInput(string? value) =>
        DateTime.TryParseExact(value, InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Offset)
            : null;

    /// <summary>The start of a day given as a <c>date</c> field's value (2026-11-22), in Beijing time.</summary>
    public static DateTimeOffset? StartOfDay(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset)
            : null;
}
