using Interview.Domain.FollowUps;
using Interview.Domain.Questions;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.FollowUps;

/// <summary>
/// When follow-ups (会后答复) fall due: <c>Interview:FollowUps:WorkingDays</c> working days after the day a session
/// ended, by the configured holiday and 调休 lists, in the site's time zone; and the step that turns a session's open
/// questions into follow-ups when it ends.
/// </summary>
public sealed class FollowUpSchedule
{
    public FollowUpSchedule(IOptions<InterviewOptions> options, SiteTime time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var settings = options.Value.FollowUps;
        WorkingDays = settings.WorkingDays;
        Calendar = new WorkingCalendar(
            FollowUpOptionsValidator.Dates(settings.Holidays, nameof(settings.Holidays), null),
            FollowUpOptionsValidator.Dates(settings.WorkingWeekends, nameof(settings.WorkingWeekends), null));
        Zone = time.Zone;
    }

    public int WorkingDays { get; }
    public WorkingCalendar Calendar { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>The end (23:59:59, site time) of the last working day for a session that ended at <paramref name="endedAt"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset endedAt) => Calendar.FollowUpDue(endedAt, Zone, WorkingDays);

    /// <summary>The calendar day <paramref name="instant"/> falls on in the site's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// Makes every approved question of the session that is not answered yet a follow-up due <see cref="DueAt"/> the
    /// end; the changes are tracked in <paramref name="db"/> and saved by the caller with the transition that ended the
    /// session. Returns how many became follow-ups.
    /// </summary>
    public async Task<int> OpenAsync(InterviewDbContext db, int interviewId, DateTimeOffset endedAt)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = DueAt(endedAt);
        var open = await db.Questions
            .Where(q => q.InterviewId == interviewId && q.Status == QuestionStatus.Approved && q.FollowUpDueAt == null)
            .ToListAsync();
        foreach (var question in open)
        {
            question.BecomeFollowUp(due);
        }
        return open.Count;
    }
}
