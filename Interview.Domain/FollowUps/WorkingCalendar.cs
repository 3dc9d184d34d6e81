namespace Interview.Domain.FollowUps;

/// <summary>
/// Working days (工作日) as Chinese offices keep them: Monday to Friday, except the public holidays the State Council
/// announces each year, plus the weekend days it turns into working days to make the holidays longer (调休).
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The time of day a follow-up falls due on its last working day: the very end of that day.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59, 59);

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingWeekends;

    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingWeekends)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(workingWeekends);
        _holidays = [.. holidays];
        _workingWeekends = [.. workingWeekends];
        foreach (var day in _workingWeekends.Order())
        {
            if (!IsWeekend(day))
            {
                throw new ArgumentException($"{day:yyyy-MM-dd} is a {day.DayOfWeek}: only a Saturday or Sunday can be a working weekend day.", nameof(workingWeekends));
            }
            if (_holidays.Contains(day))
            {
                throw new ArgumentException($"{day:yyyy-MM-dd} is listed both as a holiday and as a working day.", nameof(workingWeekends));
            }
        }
    }

    /// <summary>Monday to Friday only, no holidays and no 调休.</summary>
    public static WorkingCalendar WeekdaysOnly { get; } = new([], []);

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekends.Contains(day) || (!IsWeekend(day) && !_holidays.Contains(day));

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/> (which itself does not count, working
    /// day or not); <paramref name="start"/> itself when <paramref name="days"/> is 0.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>
    /// When a question left open at the end of a session that ended at <paramref name="endedAt"/> is due: the end
    /// (23:59:59) of the <paramref name="workingDays"/>-th working day after the day the session ended, both read in
    /// <paramref name="zone"/> (the site's). A session ending late in the evening or at a weekend counts from that day.
    /// </summary>
    public DateTimeOffset FollowUpDue(DateTimeOffset endedAt, TimeZoneInfo zone, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var endedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(endedAt, zone).DateTime);
        var due = AddWorkingDays(endedOn, workingDays).ToDateTime(EndOfDay);
        return new DateTimeOffset(due, zone.GetUtcOffset(due));
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
