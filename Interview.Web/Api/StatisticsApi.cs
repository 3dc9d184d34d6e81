using Interview.Web.Statistics;
using Interview.Web.Staff;

namespace Interview.Web.Api;

public sealed record StatisticsColumnDto(string Slug, int Interviews, int QuestionsReceived, int QuestionsAnswered);

public sealed record StatisticsQuarterDto(
    int Quarter, int Interviews, int QuestionsReceived, int QuestionsAnswered, int AnsweredLive, int AnsweredLater,
    int FollowUpsOnTime, int FollowUpsLate, int FollowUpsOpen);

/// <summary>CONTRACT.md "Rehearsal and statistics"; <c>medianMinutesToAnswer</c> and <c>byQuarter</c> are additions.</summary>
public sealed record StatisticsDto(
    int Year, int Interviews, int QuestionsReceived, int QuestionsAnswered, int AnsweredLive, int AnsweredLater,
    int FollowUpsOnTime, int FollowUpsLate, int FollowUpsOpen, double? MedianMinutesToAnswer,
    IReadOnlyList<StatisticsColumnDto> ByColumn, IReadOnlyList<StatisticsQuarterDto> ByQuarter);

/// <summary>The year's figures for the annual report (admin), as JSON and as the CSV the statistics page downloads.</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Statistics").RequireAuthorization(StaffPolicies.Admin)
            .AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapGet("/statistics", async (string? year, AnnualStatistics statistics, HttpContext http) =>
                Results.Ok(Dto(await statistics.ForYearAsync(StaffEndpoints.Actor(http), statistics.ParseYear(year)))))
            .WithSummary("Sessions held, questions received and answered, follow-ups on time / late / open, by column and quarter, for ?year=YYYY (default: this year; Beijing time) (admin).");
        api.MapGet("/statistics.csv", async (string? year, AnnualStatistics statistics, HttpContext http) =>
            {
                var figures = await statistics.ForYearAsync(StaffEndpoints.Actor(http), statistics.ParseYear(year));
                return Results.File(StatisticsCsv.Write(figures), "text/csv; charset=utf-8", $"statistics-{figures.Year}.csv");
            })
            .WithSummary("The same figures as CSV (UTF-8 with BOM, headers in the request's language) (admin).");
        return app;
    }

    private static StatisticsDto Dto(YearStatistics s)
    {
        var t = s.Totals;
        return new StatisticsDto(s.Year, t.Interviews, t.QuestionsReceived, t.QuestionsAnswered, t.AnsweredLive, t.AnsweredLater,
            t.FollowUpsOnTime, t.FollowUpsLate, t.FollowUpsOpen, s.MedianMinutesToAnswer,
            [.. s.ByColumn.Select(c => new StatisticsColumnDto(c.Slug, c.Counts.Interviews, c.Counts.QuestionsReceived, c.Counts.QuestionsAnswered))],
            [.. s.ByQuarter.Select(q => new StatisticsQuarterDto(q.Quarter, q.Counts.Interviews, q.Counts.QuestionsReceived,
                q.Counts.QuestionsAnswered, q.Counts.AnsweredLive, q.Counts.AnsweredLater, q.Counts.FollowUpsOnTime,
                q.Counts.FollowUpsLate, q.Counts.FollowUpsOpen))]);
    }
}
