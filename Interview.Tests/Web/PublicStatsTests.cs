using Interview.Web.Components.Pages;
using Interview.Web.Public;

namespace Interview.Tests.Web;

public sealed class PublicStatsTests
{
    [Fact]
    public void MedianOfAnOddCountIsTheMiddleValue() =>
        Assert.Equal(TimeSpan.FromMinutes(5), PublicCatalog.Median([TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)]));

    [Fact]
    public void MedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() =>
        Assert.Equal(TimeSpan.FromMinutes(4), PublicCatalog.Median([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(1), TimeSpan.FromHours(3)]));

    [Fact]
    public void MedianOfNothingIsUnknown() => Assert.Null(PublicCatalog.Median([]));

    [Theory]
    [InlineData(30, "不到 1 分钟")]
    [InlineData(25 * 60, "25 分钟")]
    [InlineData(90 * 60, "1.5 小时")]
    [InlineData(3 * 24 * 3600, "3 天")]
    public void DurationReadsAsPeopleSayIt(int seconds, string expected) =>
        Assert.Equal(expected, Interview.Web.Text.PublicWords.Duration(TimeSpan.FromSeconds(seconds)));
}
