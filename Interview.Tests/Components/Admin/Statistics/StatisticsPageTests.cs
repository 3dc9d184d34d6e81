using Bunit;
using Interview.Tests.Statistics;
using Interview.Tests.Support;
using Interview.Web.Components.Admin.Statistics;

namespace Interview.Tests.Components.Admin.Statistics;

public sealed class StatisticsPageTests : AdminTestContext
{
    protected override TimeProvider Clock { get; } = new ManualClock(StatisticsData.At(2026, 12, 31, 23, 50));

    [Fact]
    public async Task ThePageShowsTheCurrentYearsTotalsEachQuarterAndEachColumnAndLinksItsCsv()
    {
        await StatisticsData.ArrangeAsync(Database);

        var cut = Render<StatisticsPage>();

        cut.WaitForElement(".statistics-columns tbody tr");
        Assert.Equal(["2026", "4", "9", "5", "3", "2", "1", "1", "1"], Cells(cut, ".statistics-totals tbody tr"));
        Assert.Equal(["第2季度", "1", "3", "2", "0", "2", "1", "1", "1"], Cells(cut, ".statistics-quarters tbody tr:nth-child(2)"));
        Assert.Equal(["久未更新", "0", "0", "0", "0", "0", "0", "0", "0"], Cells(cut, ".statistics-columns tbody tr:nth-child(3)"));
        Assert.Contains("答复用时中位数（分钟）: 30.0", cut.Find(".statistics-median").TextContent, StringComparison.Ordinal);
        Assert.Equal("/api/v1/statistics.csv?year=2026", cut.Find("a.csv-export").GetAttribute("href"));
    }

    private static List<string> Cells(IRenderedComponent<StatisticsPage> cut, string row) =>
        [.. cut.Find(row).QuerySelectorAll("th, td").Select(c => c.TextContent.Trim())];
}
