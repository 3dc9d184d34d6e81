using System.Globalization;
using Microsoft.Extensions.Options;

namespace Interview.Web.FollowUps;

/// <summary>
/// Refuses to start with a follow-up calendar that would silently compute wrong due dates: a date that does not read
/// as yyyy-MM-dd, a 调休 day that is not a weekend day, a day listed both ways, or a period outside 1–30 working days.
/// </summary>
public sealed class FollowUpOptionsValidator : IValidateOptions<InterviewOptions>
{
    private const string Prefix = $"{InterviewOptions.Section}:FollowUps";

    public ValidateOptionsResult Validate(string? name, InterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var followUps = options.FollowUps;
        var failures = new List<string>();
        if (followUps.WorkingDays is < 1 or > 30)
        {
            failures.Add($"{Prefix}:WorkingDays must be between 1 and 30 (it is {followUps.WorkingDays}).");
        }
        var holidays = Dates(followUps.Holidays, "Holidays", failures);
        var working = Dates(followUps.WorkingWeekends, "WorkingWeekends", failures);
        foreach (var day in working.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            failures.Add($"{Prefix}:WorkingWeekends lists {Iso(day)}, a {day.DayOfWeek}: only Saturdays and Sundays can be 调休 working days.");
        }
        foreach (var day in working.Intersect(holidays))
        {
            failures.Add($"{Prefix} lists {Iso(day)} both as a holiday and as a working weekend day.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The dates of a list, in the one accepted form; what does not parse is reported, not guessed at.</summary>
    internal static List<DateOnly> Dates(IEnumerable<string>? values, string setting, List<string>? failures)
    {
        var dates = new List<DateOnly>();
        var index = 0;
        foreach (var value in values ?? [])
        {
            if (TryParse(value, out var date))
            {
                dates.Add(date);
            }
            else
            {
                failures?.Add($"{Prefix}:{setting}:{index} is \"{value}\", which is not a date in the form yyyy-MM-dd (e.g. 2026-10-01).");
            }
            index++;
        }
        return dates;
    }

    private static bool TryParse(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
