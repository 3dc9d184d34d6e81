using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>Shows instants in the site's time zone (Beijing time by default), for pages, feeds and the API.</summary>
public sealed class SiteTime
{
    private static readonly TimeSpan ChinaStandardOffset = TimeSpan.FromHours(8);

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

    /// <summary>2026年11月22日 10:00</summary>
    public string DateTime(DateTimeOffset instant) => Local(instant).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>2026-11-22</summary>
    public string Date(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>10:00</summary>
    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The machine-readable form for &lt;time datetime&gt; and JSON.</summary>
    public string Iso(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
