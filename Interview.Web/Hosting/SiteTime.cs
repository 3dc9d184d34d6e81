using System.Globalization;
using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// The one place times are shown and read, for pages, consoles, feeds and the API: in the site's time zone
/// (<c>Interview:TimeZone</c>, Beijing time by default), worded for the current culture where words are involved.
/// </summary>
public sealed class SiteTime
{
    private static readonly TimeSpan ChinaStandardOffset = TimeSpan.FromHours(8);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string InputFormat = "yyyy-MM-dd'T'HH:mm";
    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"];

    public SiteTime(IOptions<InterviewOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A machine without time zone data still shows Beijing time correctly: China has no daylight saving.
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.TimeZone, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(options.Value.TimeZone, ChinaStandardOffset, "China Standard Time", "China Standard Time");
    }

    /// <summary>The site's time zone: the configured one, or a fixed UTC+8 where the machine has no zone data.</summary>
    public TimeZoneInfo Zone { get; }

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } value ? Local(value) : null;

    // English month names are the invariant culture's (Nov), whatever the machine's culture data says.
    private static bool English => Text.SiteCultures.CurrentIsEnglish;

    /// <summary>2026年11月22日 10:00; in English 22 Nov 2026 10:00.</summary>
    public string DateTime(DateTimeOffset instant) => Local(instant).ToString(English ? "d MMM yyyy HH:mm" : "yyyy年M月d日 HH:mm", Invariant);

    /// <summary>2026-11-22; in English 22 Nov 2026.</summary>
    public string Date(DateTimeOffset instant) => Local(instant).ToString(English ? "d MMM yyyy" : "yyyy-MM-dd", Invariant);

    /// <summary>10:00</summary>
    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", Invariant);

    /// <summary>The machine-readable form for &lt;time datetime&gt; and JSON.</summary>
    public string Iso(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Invariant);

    /// <summary>The consoles' full time, the same in every culture: 2026-11-22 10:00:00.</summary>
    public string Display(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>2026-11-22 10:00</summary>
    public string Minutes(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>10:00:00, a transcript entry's time in the consoles.</summary>
    public string Seconds(DateTimeOffset instant) => Local(instant).ToString("HH:mm:ss", Invariant);

    /// <summary>The value of a <c>datetime-local</c> field: 2026-11-22T10:00.</summary>
    public string ToInput(DateTimeOffset instant) => Local(instant).ToString(InputFormat, Invariant);

    /// <summary>
    /// A <c>datetime-local</c> value (which carries no zone) read as the site's time, or null when it is empty or
    /// malformed. A time a daylight-saving change skips or repeats takes the zone's standard offset.
    /// </summary>
    public DateTimeOffset? FromInput(string? value) =>
        System.DateTime.TryParseExact(value, InputFormats, Invariant, DateTimeStyles.None, out var local) ? InZone(local) : null;

    /// <summary>The start of a day given as a <c>date</c> field's value (2026-11-22), in the site's time zone.</summary>
    public DateTimeOffset? StartOfDay(string? date) => Day(date) is { } day ? InZone(day.ToDateTime(TimeOnly.MinValue)) : null;

    /// <summary>The day a <c>date</c> field's value (yyyy-MM-dd) names, or null when it names none.</summary>
    public static DateOnly? Day(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var day) ? day : null;

    private DateTimeOffset InZone(System.DateTime local) =>
        new(local, Zone.IsInvalidTime(local) || Zone.IsAmbiguousTime(local) ? Zone.BaseUtcOffset : Zone.GetUtcOffset(local));
}
