using Interview.Tests.Support;
using Interview.Web.FollowUps;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.FollowUps;

public class FollowUpOptionsTests
{
    [Theory]
    [InlineData("Interview:FollowUps:Holidays:0", "2026-13-01", "Interview:FollowUps:Holidays:0 is \"2026-13-01\"")]
    [InlineData("Interview:FollowUps:Holidays:0", "10/01/2026", "not a date in the form yyyy-MM-dd")]
    [InlineData("Interview:FollowUps:WorkingWeekends:0", "2026-10-09", "2026-10-09, a Friday")]
    [InlineData("Interview:FollowUps:WorkingWeekends:0", "2026-10-03", "both as a holiday and as a working weekend day")]
    [InlineData("Interview:FollowUps:WorkingDays", "0", "WorkingDays must be between 1 and 30")]
    public void AMalformedFollowUpCalendarStopsTheSiteAtStartUpSayingWhy(string key, string value, string message)
    {
        using var site = new InterviewFactory().With(key, value);

        var failure = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains(message, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedCalendarHasTheOfficial2026HolidaysAndWorkingWeekends()
    {
        using var site = new InterviewFactory();
        _ = site.CreateClient();
        var schedule = site.Services.GetRequiredService<FollowUpSchedule>();

        Assert.Equal(5, schedule.WorkingDays);
        var year = Enumerable.Range(0, 365).Select(d => new DateOnly(2026, 1, 1).AddDays(d)).ToList();
        static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        // The weekdays off, by the State Council's notice of 4 November 2025, and the weekend days worked (调休).
        Assert.Equal(
            ["01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-06", "05-01", "05-04", "05-05", "06-19",
             "09-25", "10-01", "10-02", "10-05", "10-06", "10-07"],
            year.Where(d => !Weekend(d) && !schedule.Calendar.IsWorkingDay(d)).Select(MonthDay));
        Assert.Equal(["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"], year.Where(d => Weekend(d) && schedule.Calendar.IsWorkingDay(d)).Select(MonthDay));
        Assert.Equal(248, year.Count(schedule.Calendar.IsWorkingDay));
    }

    private static string MonthDay(DateOnly day) => day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
