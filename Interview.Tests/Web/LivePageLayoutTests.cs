using System.Text.Json;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;

namespace Interview.Tests.Web;

/// <summary>
/// Issue 13 point 1, the markup: a live page puts its feed before the form and offers the ask link; a preview page carries
/// what its countdown script needs and says the start time in text without script.
/// </summary>
public sealed class LivePageLayoutTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private readonly HttpClient _client = site.CreateClient();
    private readonly HtmlParser _parser = new();

    [Theory]
    [InlineData("")]
    [InlineData("?mode=text")]
    public async Task ALivePageShowsTheFeedBeforeTheSummaryGuestsAndFormAndLinksToTheFormFromTheStart(string query)
    {
        var id = await site.DemoInterviewIdAsync("live");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}{query}"));

        var order = page.QuerySelectorAll(".interview .ask-jump, .interview details.about, .interview section.transcript, .interview #ask")
            .Select(e => e.ClassName?.Split(" ")[0] ?? e.Id ?? "").ToArray();
        Assert.Equal(["ask-jump", "about", "transcript", "ask"], order);
        var jump = page.QuerySelector("a.ask-jump")!;
        // The page's own address (text mode stays text mode), not a bare #ask that <base href="/"> would send home.
        Assert.Equal($"/interviews/{id}{query}#ask", jump.GetAttribute("href"));
        Assert.Equal("提问", jump.TextContent);
        // The summary and guests are one tap away: inside the collapsed details, which names what it holds.
        var about = page.QuerySelector("details.about")!;
        Assert.False(about.HasAttribute("open"));
        Assert.Equal("访谈介绍与嘉宾", about.QuerySelector("summary")?.TextContent);
        Assert.NotNull(about.QuerySelector("section.guests"));
        Assert.NotNull(page.QuerySelector("#ask textarea"));
        Assert.Null(page.QuerySelector("[data-countdown-start]"));
    }

    /// <summary>
    /// Issue 15: the live page resumes the event stream from what it shows (an edge cache may serve it a few seconds
    /// old), so its markup carries the cursor of its newest wording; and it loads no SignalR client.
    /// </summary>
    [Fact]
    public async Task ALivePageCarriesTheCursorOfWhatItShowsAndNoSignalRClient()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var entries = JsonDocument.Parse(await _client.GetStringAsync($"/api/v1/interviews/{id}/entries")).RootElement.GetProperty("items");
        var newest = entries.EnumerateArray().Select(e => e.GetProperty("cursor").GetInt32()).DefaultIfEmpty(0).Max();

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}"));
        var text = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?mode=text"));

        var feed = page.QuerySelector("section.transcript[data-live-interview]")!;
        Assert.Equal(newest.ToString(System.Globalization.CultureInfo.InvariantCulture), feed.GetAttribute("data-cursor"));
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToArray();
        Assert.Contains(scripts, src => src.StartsWith("js/live", StringComparison.Ordinal));
        Assert.DoesNotContain(scripts, src => src.Contains("signalr", StringComparison.OrdinalIgnoreCase));
        // Text mode has no script to resume anything.
        Assert.Null(text.QuerySelector("[data-cursor]"));
    }

    [Fact]
    public async Task APreviewCarriesItsStartTimeAndTheCountdownsWordsAndNoAskLink()
    {
        var id = await site.DemoInterviewIdAsync("scheduled");

        var page = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}"));

        var countdown = page.QuerySelector("p.countdown")!;
        var start = countdown.GetAttribute("data-countdown-start")!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", start);
        Assert.Equal($"/api/v1/interviews/{id}", countdown.GetAttribute("data-countdown-status"));
        Assert.Null(countdown.GetAttribute("data-countdown-poll"));
        // Without script the start time is there in words.
        Assert.StartsWith("直播开始时间：", countdown.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(start, countdown.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Contains(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("js/countdown", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.Contains("signalr", StringComparison.Ordinal));
        var words = JsonDocument.Parse(page.QuerySelector("[data-words]")!.GetAttribute("data-words")!).RootElement;
        Assert.Equal("距直播开始还有 {0}", words.GetProperty("CountdownLeft").GetString());
        Assert.Equal("{0} 秒", words.GetProperty("CountdownSeconds").GetString());
        // A preview keeps its order: background and guests, then the form; no floating ask link, no collapsed details.
        Assert.Null(page.QuerySelector(".ask-jump"));
        Assert.Null(page.QuerySelector("details.about"));
        Assert.NotNull(page.QuerySelector("section.guests"));
    }

    [Fact]
    public async Task ThePreviewsPollCanBeQuickenedWithinBoundsAndItsWordsAreEnglishOnTheEnglishPage()
    {
        var id = await site.DemoInterviewIdAsync("scheduled");

        var quick = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?poll=1&culture=en"));
        var hostile = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?poll=abc"));
        var text = _parser.ParseDocument(await _client.GetStringAsync($"/interviews/{id}?mode=text"));

        Assert.Equal("2", quick.QuerySelector("p.countdown")?.GetAttribute("data-countdown-poll"));
        Assert.StartsWith("Starts at ", quick.QuerySelector("p.countdown")!.TextContent.Trim(), StringComparison.Ordinal);
        var words = JsonDocument.Parse(quick.QuerySelector("[data-words]")!.GetAttribute("data-words")!).RootElement;
        Assert.Equal("Starts in {0}", words.GetProperty("CountdownLeft").GetString());
        Assert.Null(hostile.QuerySelector("p.countdown")?.GetAttribute("data-countdown-poll"));
        // Text mode is script-free: the start time in text, no countdown script.
        Assert.NotNull(text.QuerySelector("p.countdown time"));
        Assert.DoesNotContain(text.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.Contains("countdown", StringComparison.Ordinal));
    }
}
