using Interview.Domain;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web;
using Interview.Web.Hosting;
using Interview.Web.Staff;
using Interview.Web.Statistics;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Statistics;

public sealed class AnnualStatisticsTests() : AnnualStatisticsSuite(null);

/// <summary>The same figures on PostgreSQL, where times are stored as timestamptz.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AnnualStatisticsOnPostgresTests(PostgresServer server) : AnnualStatisticsSuite(server);

/// <summary>Every figure of <see cref="AnnualStatistics"/> over <see cref="StatisticsData"/>, on SQLite and PostgreSQL.</summary>
public abstract class AnnualStatisticsSuite(PostgresServer? server) : IAsyncLifetime
{
    private static readonly StaffActor Admin = new(StatisticsData.AdminId, "stats-admin@example.gov.cn", "127.0.0.1");
    private TestDatabase _database = null!;
    private (int Health, int Policy, int Quiet) _columns;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(server);
        _columns = await StatisticsData.ArrangeAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private AnnualStatistics Statistics(DateTimeOffset? now = null) => new(_database, new StaffPermissions(_database),
        new SiteTime(Options.Create(new InterviewOptions())), new ManualClock(now ?? StatisticsData.At(2027, 2, 1, 9, 0)));

    [Fact]
    public async Task TheYearCountsSessionsThatWentLiveInItInBeijingTimeAndTheirQuestions()
    {
        var year = await Statistics().ForYearAsync(Admin, 2026);

        // 1 Jan 00:30, 10 Feb, 20 May, 31 Dec 23:30; not 1 Jan 2027 00:30, the cancelled one nor the scheduled one.
        Assert.Equal(new StatisticsCounts(
            Interviews: 4, QuestionsReceived: 9, QuestionsAnswered: 5, AnsweredLive: 3, AnsweredLater: 2,
            FollowUpsOnTime: 1, FollowUpsLate: 1, FollowUpsOpen: 1), year.Totals);
        // 10, 20, 30, 7260 (5 days 1 hour), 17340 (12 days 1 hour) minutes.
        Assert.Equal(30.0, year.MedianMinutesToAnswer);
    }

    [Fact]
    public async Task EachColumnAndQuarterHasItsOwnFiguresAndAQuietColumnShowsZeros()
    {
        var year = await Statistics().ForYearAsync(Admin, 2026);

        Assert.Equal(
            [("stats-health", new StatisticsCounts(3, 6, 3, 3, 0, 0, 0, 0)), ("stats-policy", new StatisticsCounts(1, 3, 2, 0, 2, 1, 1, 1)),
             ("stats-quiet", new StatisticsCounts(0, 0, 0, 0, 0, 0, 0, 0))],
            year.ByColumn.Where(c => c.Slug.StartsWith("stats-", StringComparison.Ordinal)).Select(c => (c.Slug, c.Counts)));
        Assert.Equal(
            [(1, new StatisticsCounts(2, 5, 2, 2, 0, 0, 0, 0)), (2, new StatisticsCounts(1, 3, 2, 0, 2, 1, 1, 1)),
             (3, new StatisticsCounts(0, 0, 0, 0, 0, 0, 0, 0)), (4, new StatisticsCounts(1, 1, 1, 1, 0, 0, 0, 0))],
            year.ByQuarter.Select(q => (q.Quarter, q.Counts)));
    }

    [Fact]
    public async Task ASessionThatWentLiveJustAfterMidnightOnNewYearsDayCountsInTheNewYear()
    {
        var next = await Statistics().ForYearAsync(Admin, 2027);
        var before = await Statistics().ForYearAsync(Admin, 2025);

        Assert.Equal((1, 1, 0), (next.Totals.Interviews, next.Totals.QuestionsReceived, next.Totals.QuestionsAnswered));
        Assert.Null(next.MedianMinutesToAnswer);
        Assert.Equal(0, before.Totals.Interviews);
    }

    [Fact]
    public async Task OnlyAdminsMayReadTheFigures()
    {
        var host = new StaffActor(StatisticsData.HostId, "stats-host@example.gov.cn", "127.0.0.1");

        await Assert.ThrowsAsync<StaffForbiddenException>(() => Statistics().ForYearAsync(host, 2026));
    }

    [Theory]
    [InlineData(null, 2027)]
    [InlineData(" 2026 ", 2026)]
    [InlineData("2028", 2028)]
    public void TheYearDefaultsToTheCurrentOneInBeijingTime(string? given, int expected) =>
        // 1 Jan 2027 00:10 in Beijing is still 2026 in UTC.
        Assert.Equal(expected, Statistics(StatisticsData.At(2027, 1, 1, 0, 10)).ParseYear(given));

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("2029")]
    [InlineData("-2026")]
    [InlineData("2026.5")]
    public void AYearThatIsNotAYearInRangeIsRefused(string given) =>
        Assert.Equal(Interview.Web.Text.SiteErrorCodes.StatisticsYearInvalid,
            Assert.Throws<DomainException>(() => Statistics(StatisticsData.At(2027, 1, 1, 0, 10)).ParseYear(given)).Code);
}
