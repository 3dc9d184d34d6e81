using System.Net;
using System.Text;
using System.Text.Json;
using Interview.Domain.Columns;
using Interview.Tests.FollowUps;

namespace Interview.Tests.Statistics;

/// <summary>GET /api/v1/statistics and its CSV, on the real site over <see cref="StatisticsData"/> (and the demo data).</summary>
public sealed class StatisticsApiTests(FollowUpSite site) : IClassFixture<FollowUpSite>, IAsyncLifetime
{
    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static bool _arranged;

    public async Task InitializeAsync()
    {
        site.Clock.Now = StatisticsData.At(2027, 2, 1, 9, 0);
        await Arranged.WaitAsync();
        try
        {
            if (!_arranged)
            {
                await StatisticsData.ArrangeAsync(site.Contexts);
                await using var db = await site.Contexts.CreateDbContextAsync();
                db.Columns.Add(Column.Create("=cmd|' /C calc'!A0", "stats-inject", null, 3));
                await db.SaveChangesAsync();
                _arranged = true;
            }
        }
        finally
        {
            Arranged.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAdminGetsTheContractShapeWithTheYearsFigures()
    {
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.GetAsync("/api/v1/statistics?year=2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            ["year", "interviews", "questionsReceived", "questionsAnswered", "answeredLive", "answeredLater", "followUpsOnTime",
             "followUpsLate", "followUpsOpen", "medianMinutesToAnswer", "byColumn", "byQuarter"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2026, root.GetProperty("year").GetInt32());
        // The demo data may add sessions of its own to the year; the arranged ones are at least there.
        Assert.True(root.GetProperty("interviews").GetInt32() >= 4);
        var policy = root.GetProperty("byColumn").EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "stats-policy");
        Assert.Equal(["slug", "interviews", "questionsReceived", "questionsAnswered"], policy.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 3, 2), (policy.GetProperty("interviews").GetInt32(), policy.GetProperty("questionsReceived").GetInt32(),
            policy.GetProperty("questionsAnswered").GetInt32()));
        Assert.Equal([1, 2, 3, 4], root.GetProperty("byQuarter").EnumerateArray().Select(q => q.GetProperty("quarter").GetInt32()));
    }

    [Fact]
    public async Task WithoutAYearItIsTheCurrentYearInBeijingTime()
    {
        using var admin = site.Client(await site.TokenAsync());

        var root = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/statistics")).RootElement;

        Assert.Equal(2027, root.GetProperty("year").GetInt32());
    }

    [Theory]
    [InlineData("host")]
    [InlineData("moderator")]
    public async Task OnlyAdminsMayReadTheStatistics(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..16] + "@example.gov.cn";
        await site.CreateStaffAsync(email, role);
        using var client = site.Client(await site.TokenAsync(email));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/statistics?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/statistics.csv?year=2026")).StatusCode);
    }

    [Theory]
    [InlineData("twenty")]
    [InlineData("1999")]
    [InlineData("3000")]
    public async Task ABadYearIsAProblemThatSaysWhichYearsAreAccepted(string year)
    {
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.GetAsync($"/api/v1/statistics?year={year}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(year, detail, StringComparison.Ordinal);
        Assert.Contains("2000", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCsvHasABomAHeaderInTheSitesLanguageAndNeutralisedFormulas()
    {
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.GetAsync("/api/v1/statistics.csv?year=2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("年份,分组,名称,访谈期数,网民留言数量,答复网民提问数量,现场答复,会后答复,会后按时答复,会后逾期答复,会后待答复", lines[0]);
        Assert.StartsWith("2026,全年,,", lines[1], StringComparison.Ordinal);
        Assert.Equal("2026,季度,第2季度,1,3,2,0,2,1,1,1", lines[3]);
        Assert.Contains("2026,栏目,政策解读,1,3,2,0,2,1,1,1", lines);
        // The formula a column's name carried is text in a spreadsheet: it gets a leading apostrophe.
        Assert.Contains("2026,栏目,'=cmd|' /C calc'!A0,0,0,0,0,0,0,0,0", lines);
        Assert.Equal("答复用时中位数（分钟）", lines[^2].Split(',')[0]);
    }
}
