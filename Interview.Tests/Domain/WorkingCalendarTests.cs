using Interview.Domain.FollowUps;

namespace Interview.Tests.Domain;

public class WorkingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", Beijing, "CST", "CST");

    /// <summary>The State Council's 2026 arrangement (国办发明电, 2025-11-04), as shipped in appsettings.json.</summary>
    private static readonly WorkingCalendar China2026 = new(
        [
            .. Days(2026, 1, 1, 3), .. Days(2026, 2, 15, 23), .. Days(2026, 4, 4, 6), .. Days(2026, 5, 1, 5),
            .. Days(2026, 6, 19, 21), .. Days(2026, 9, 25, 27), .. Days(2026, 10, 1, 7), new DateOnly(2027, 1, 1),
        ],
        [
            new DateOnly(2026, 1, 4), new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28), new DateOnly(2026, 5, 9),
            new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10),
        ]);

    [Theory]
    [InlineData("2026-11-20", "2026-11-27")] // Friday: the next week's Friday
    [InlineData("2026-11-21", "2026-11-27")] // Saturday: the weekend does not count, the day itself neither
    [InlineData("2026-11-22", "2026-11-27")] // Sunday
    [InlineData("2026-11-23", "2026-11-30")] // Monday: over the weekend
    [InlineData("2026-11-25", "2026-12-02")] // Wednesday
    public void FiveWorkingDaysSkipTheWeekend(string ended, string due) =>
        Assert.Equal(Day(due), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Day(ended), 5));

    [Fact]
    public void NationalDayHolidaysDoNotCountAndTheWorkingSaturdayAfterThemDoes()
    {
        // 10-01 to 10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (调休), 10-12 Mon, 10-13 Tue.
        Assert.Equal(new DateOnly(2026, 10, 13), China2026.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
        // Without the lists it would be the Wednesday of the holiday week.
        Assert.Equal(new DateOnly(2026, 10, 7), WorkingCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
    }

    [Fact]
    public void AWorkingSaturdayCountsAsAWorkingDay()
    {
        // 4-30 Thu, (5-01..05 Labour Day off), 5-06 Wed, 5-07 Thu, 5-08 Fri, 5-09 Sat (调休).
        Assert.Equal(new DateOnly(2026, 5, 9), China2026.AddWorkingDays(new DateOnly(2026, 4, 29), 5));
        Assert.True(China2026.IsWorkingDay(new DateOnly(2026, 5, 9)));
        Assert.False(China2026.IsWorkingDay(new DateOnly(2026, 5, 16)));
    }

    [Fact]
    public void AWorkingSundayBeforeTheHolidayCountsToo()
    {
        // 9-19 Sat off, 9-20 Sun (调休), 9-21 Mon … 9-24 Thu.
        Assert.Equal(new DateOnly(2026, 9, 24), China2026.AddWorkingDays(new DateOnly(2026, 9, 18), 5));
    }

    [Fact]
    public void TheSpringFestivalWeekIsSkippedWhole()
    {
        // 2-13 Fri ended; 2-14 Sat (调休) counts; 2-15..2-23 off; 2-24 Tue … 2-27 Fri.
        Assert.Equal(new DateOnly(2026, 2, 27), China2026.AddWorkingDays(new DateOnly(2026, 2, 13), 5));
    }

    [Fact]
    public void TheYearEndCarriesIntoTheNextYearPastNewYearsDay()
    {
        // 12-31 Thu ended; 2027-01-01 Fri off, the weekend, then 1-04 Mon … 1-08 Fri.
        Assert.Equal(new DateOnly(2027, 1, 8), China2026.AddWorkingDays(new DateOnly(2026, 12, 31), 5));
        Assert.Equal(new DateOnly(2027, 1, 7), WorkingCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 12, 31), 5));
    }

    [Fact]
    public void AFollowUpIsDueAtTheEndOfTheLastWorkingDayInSiteTime()
    {
        var ended = new DateTimeOffset(2026, 11, 20, 11, 30, 0, Beijing);

        var due = China2026.FollowUpDue(ended, Shanghai, 5);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 23, 59, 59, Beijing), due);
        Assert.Equal(Beijing, due.Offset);
    }

    [Fact]
    public void TheDayASessionEndedIsTheDayInSiteTimeNotInUtc()
    {
        // Thursday 16:30 UTC is already Friday 00:30 in Beijing: count from Friday.
        var ended = new DateTimeOffset(2026, 11, 19, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 23, 59, 59, Beijing), China2026.FollowUpDue(ended, Shanghai, 5));
    }

    [Fact]
    public void ZeroWorkingDaysIsTheDayItselfAndANegativeCountIsRefused()
    {
        Assert.Equal(new DateOnly(2026, 11, 21), WorkingCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 11, 21), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.WeekdaysOnly.AddWorkingDays(new DateOnly(2026, 11, 21), -1));
    }

    [Fact]
    public void AWeekdayCannotBeAWorkingWeekendDayNorADayBothOffAndOn()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([], [new DateOnly(2026, 10, 9)]));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([new DateOnly(2026, 10, 10)], [new DateOnly(2026, 10, 10)]));
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Days(int year, int month, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(d => new DateOnly(year, month, d));
}
