using System.Globalization;
using Interview.Web;
using Interview.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Hosting;

/// <summary>
/// SiteTime is the site's one time formatter: every time is shown and read in <c>Interview:TimeZone</c> (whatever the
/// server's zone), worded for the request's culture; zh-CN keeps the text the site always showed.
/// </summary>
public sealed class SiteTimeTests : IDisposable
{
    // 02:00 UTC on 22 November 2026: 10:00 in Beijing, 02:00 in London (no summer time in November), 21:00 the day before in New York.
    private static readonly DateTimeOffset Instant = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    [Fact]
    public void ChineseTimesAreWordedAsTheSiteAlwaysShowedThem()
    {
        Use("zh-CN");
        var time = In("Asia/Shanghai");

        Assert.Equal("2026年11月22日 10:00", time.DateTime(Instant));
        Assert.Equal("2026-11-22", time.Date(Instant));
        Assert.Equal("10:00", time.Time(Instant));
    }

    [Fact]
    public void EnglishTimesUseEnglishMonthNames()
    {
        Use("en");
        var time = In("Asia/Shanghai");

        Assert.Equal("22 Nov 2026 10:00", time.DateTime(Instant));
        Assert.Equal("22 Nov 2026", time.Date(Instant));
        Assert.Equal("10:00", time.Time(Instant));
        Assert.Equal("2026-11-22T10:00:00+08:00", time.Iso(Instant));
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-11-22 10:00:00", "2026-11-22T10:00")]
    [InlineData("Europe/London", "2026-11-22 02:00:00", "2026-11-22T02:00")]
    [InlineData("America/New_York", "2026-11-21 21:00:00", "2026-11-21T21:00")]
    public void TheConsolesShowAndReadTimesInTheConfiguredZone(string zone, string display, string input)
    {
        var time = In(zone);

        Assert.Equal(display, time.Display(Instant));
        Assert.Equal(display[..16], time.Minutes(Instant));
        Assert.Equal(display[11..], time.Seconds(Instant));
        Assert.Equal(input, time.ToInput(Instant));
        Assert.Equal(Instant, time.FromInput(input));
        Assert.Equal(time.Zone.GetUtcOffset(Instant), time.Local(Instant).Offset);
    }

    [Fact]
    public void ADayStartsAtMidnightInTheConfiguredZoneAndSummerTimeCounts()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(1)), In("Europe/London").StartOfDay("2026-07-01"));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(8)), In("Asia/Shanghai").StartOfDay("2026-07-01"));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.FromHours(-4)), In("America/New_York").FromInput("2026-07-01T09:30"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13-01T10:00")]
    [InlineData("tomorrow")]
    public void WhatIsNotATimeIsNull(string? value)
    {
        Assert.Null(In("Asia/Shanghai").FromInput(value));
        Assert.Null(In("Asia/Shanghai").StartOfDay(value));
    }

    private static SiteTime In(string zone) => new(Options.Create(new InterviewOptions { TimeZone = zone }));

    private static void Use(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
    }
}
