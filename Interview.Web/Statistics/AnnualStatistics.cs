using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Statistics;

/// <summary>The figures of one group of sessions (a year, a column, a quarter); README "Annual figures" defines each.</summary>
public sealed record StatisticsCounts(
    int Interviews, int QuestionsReceived, int QuestionsAnswered, int AnsweredLive, int AnsweredLater,
    int FollowUpsOnTime, int FollowUpsLate, int FollowUpsOpen);

public sealed record ColumnStatistics(string Slug, string Name, StatisticsCounts Counts);

public sealed record QuarterStatistics(int Quarter, StatisticsCounts Counts);

/// <summary>The year's figures for the annual report (政府网站工作年度报表, 互动交流), by column and by quarter.</summary>
public sealed record YearStatistics(
    int Year, StatisticsCounts Totals, double? MedianMinutesToAnswer, IReadOnlyList<ColumnStatistics> ByColumn,
    IReadOnlyList<QuarterStatistics> ByQuarter);

/// <summary>
/// Counts a year's sessions and questions for admins. A session belongs to the year (and quarter) in which it went live,
/// read in the site's time zone; sessions that never went live (cancelled, still planned) count nowhere. A year's
/// sessions and their questions fit in memory, so the grouping and the time zone are done here, the same on every
/// database provider.
/// </summary>
public sealed class AnnualStatistics(IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, SiteTime time, TimeProvider clock)
{
    /// <summary>The earliest year the API accepts: before any portal ran online interviews.</summary>
    public const int FirstYear = 2000;

    public int CurrentYear => time.Local(clock.GetUtcNow()).Year;

    /// <summary>Reads <c>?year=</c>: the current year when absent; a refusal naming the accepted range otherwise.</summary>
    public int ParseYear(string? year)
    {
        if (string.IsNullOrWhiteSpace(year))
        {
            return CurrentYear;
        }
        return int.TryParse(year.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= FirstYear && value <= CurrentYear + 1
            ? value
            : throw new DomainException(Text.SiteErrorCodes.StatisticsYearInvalid, year, FirstYear, CurrentYear + 1);
    }

    public async Task<YearStatistics> ForYearAsync(StaffActor actor, int year)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var columns = await db.Columns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync();
        var started = await db.Interviews.AsNoTracking()
            // A rehearsal (彩排) is not a session held.
            .Where(i => i.StartedAt != null && i.Status != InterviewStatus.Cancelled && i.RehearsalOf == null)
            .Select(i => new { i.Id, i.ColumnId, StartedAt = i.StartedAt!.Value })
            .ToListAsync();
        var sessions = started
            .Select(i => new Held(i.Id, i.ColumnId, time.Local(i.StartedAt)))
            .Where(i => i.LocalStart.Year == year)
            .ToDictionary(i => i.Id);
        var ids = sessions.Keys.ToList();
        var questions = (await db.Questions.AsNoTracking()
            .Where(q => ids.Contains(q.InterviewId))
            .Select(q => new Received(q.InterviewId, q.Status, q.SubmittedAt, q.AnsweredAt, q.AnsweredLater, q.FollowUpDueAt))
            .ToListAsync())
            .ToLookup(q => q.InterviewId);

        StatisticsCounts CountsOf(IEnumerable<Held> held)
        {
            var list = held.ToList();
            return Count(list.Count, list.SelectMany(s => questions[s.Id]).ToList());
        }

        var all = sessions.Values.ToList();
        return new YearStatistics(
            year,
            CountsOf(all),
            Median(all.SelectMany(s => questions[s.Id])),
            [.. columns.Select(c => new ColumnStatistics(c.Slug, c.Name, CountsOf(all.Where(s => s.ColumnId == c.Id))))],
            [.. Enumerable.Range(1, 4).Select(q => new QuarterStatistics(q, CountsOf(all.Where(s => s.Quarter == q))))]);
    }

    private static StatisticsCounts Count(int interviews, List<Received> questions)
    {
        var answered = questions.Where(q => q.Status == QuestionStatus.Answered).ToList();
        var followUps = questions.Where(q => q.FollowUpDueAt is not null).ToList();
        return new StatisticsCounts(
            interviews,
            questions.Count,
            answered.Count,
            answered.Count(q => !q.AnsweredLater),
            answered.Count(q => q.AnsweredLater),
            followUps.Count(q => q.Status == QuestionStatus.Answered && q.AnsweredAt <= q.FollowUpDueAt),
            followUps.Count(q => q.Status == QuestionStatus.Answered && q.AnsweredAt > q.FollowUpDueAt),
            followUps.Count(q => q.Status == QuestionStatus.Approved));
    }

    /// <summary>The median of submitted → answer published, in minutes (one decimal); null when nothing was answered.</summary>
    private static double? Median(IEnumerable<Received> questions)
    {
        var minutes = questions
            .Where(q => q.Status == QuestionStatus.Answered && q.AnsweredAt is not null)
            .Select(q => (q.AnsweredAt!.Value - q.SubmittedAt).TotalMinutes)
            .Order()
            .ToList();
        if (minutes.Count == 0)
        {
            return null;
        }
        var middle = minutes.Count / 2;
        var median = minutes.Count % 2 == 1 ? minutes[middle] : (minutes[middle - 1] + minutes[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }

    private sealed record Held(int Id, int ColumnId, DateTimeOffset LocalStart)
    {
        public int Quarter => ((LocalStart.Month - 1) / 3) + 1;
    }

    private sealed record Received(
        int InterviewId, QuestionStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? AnsweredAt, bool AnsweredLater,
        DateTimeOffset? FollowUpDueAt);
}
