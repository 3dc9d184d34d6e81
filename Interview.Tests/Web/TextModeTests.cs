using AngleSharp.Html.Parser;
using Interview.Tests.Support;

namespace Interview.Tests.Web;

/// <summary>
/// The script-free text mode of the live page reloads itself only when the reader asks for it (issue 12: an automatic
/// reload by default is the critical finding of the accessibility audit, WCAG 2.2.1).
/// </summary>
public sealed class TextModeTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private readonly HttpClient _client = site.CreateClient();
    private readonly HtmlParser _parser = new();

    [Fact]
    public async Task TextModeDoesNotReloadByDefaultAndOffersTheReaderTheChoice()
    {
        var id = await site.DemoInterviewIdAsync("live");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?mode=text"));

        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        var form = page.QuerySelector("form.text-refresh");
        Assert.NotNull(form);
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal($"/interviews/{id}", form.GetAttribute("action"));
        Assert.Equal("text", form.QuerySelector("input[name=mode]")?.GetAttribute("value"));
        Assert.Equal(["10", "30", "60"], form.QuerySelectorAll("select[name=refresh] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("自动刷新间隔", page.QuerySelector("label[for=text-refresh-interval]")?.TextContent);
        Assert.Equal("开始自动刷新", form.QuerySelector("button[type=submit]")?.TextContent);
        // Nothing reloads under the citizen's fingers, so the question form can be on the page itself.
        Assert.NotNull(page.QuerySelector("#ask textarea"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public async Task ARefreshValueThatIsNotAnIntervalMeansNoReload(string refresh)
    {
        var id = await site.DemoInterviewIdAsync("live");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?mode=text&refresh={refresh}"));

        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.NotNull(page.QuerySelector("form.text-refresh select[name=refresh]"));
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData("60", "60")]
    [InlineData("3", "10")]
    [InlineData("100000", "600")]
    public async Task TextModeReloadsAtTheIntervalTheReaderStartedAndCanStopIt(string refresh, string seconds)
    {
        var id = await site.DemoInterviewIdAsync("live");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?mode=text&refresh={refresh}&order=desc"));

        Assert.Equal(seconds, page.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
        var stop = page.QuerySelector("form.text-refresh");
        Assert.NotNull(stop);
        Assert.Equal("停止自动刷新", stop.QuerySelector("button[type=submit]")?.TextContent);
        // Stopping keeps text mode and the reading order, and sends no interval.
        Assert.Null(stop.QuerySelector("[name=refresh]"));
        Assert.Equal(["mode=text", "order=desc"], stop.QuerySelectorAll("input[type=hidden]").Select(i => $"{i.GetAttribute("name")}={i.GetAttribute("value")}"));
        // The order switch keeps the reader's interval.
        Assert.NotNull(page.QuerySelector($".live-controls a[href='/interviews/{id}?mode=text&refresh={seconds}']"));
    }

    [Fact]
    public async Task TheLivePageLinksToTextModeWithoutAnInterval()
    {
        var id = await site.DemoInterviewIdAsync("live");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}"));

        var link = page.QuerySelectorAll(".live-controls a").Single(a => a.TextContent.StartsWith("文字模式", StringComparison.Ordinal));
        Assert.Equal($"/interviews/{id}?mode=text", link.GetAttribute("href"));
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
    }
}
