using System.Text.Json;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;
using Interview.Web.Components.Pages;
using Interview.Web.Search;

namespace Interview.Tests.Search;

/// <summary>The search page shows the hits of one session that follow one another under one heading, its title.</summary>
public sealed class SearchResultGroupTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task TwoHitsOfOneSessionSitUnderItsTitleWithTheirOwnLinksInThePagesOrder()
    {
        var id = await site.DemoInterviewIdAsync("published");
        using var client = site.CreateClient();
        var query = "q=" + Uri.EscapeDataString("奥司他韦") + "&sort=newest";
        var api = JsonDocument.Parse(await client.GetStringAsync("/api/v1/search?" + query)).RootElement;
        var items = api.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 2);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/search?" + query));

        var group = Assert.Single(page.QuerySelectorAll(".search-results > li.search-group"));
        var heading = group.QuerySelector("h3 a")!;
        Assert.Equal(items[0].GetProperty("title").GetString(), heading.TextContent.Trim());
        Assert.Equal($"/interviews/{id}", heading.GetAttribute("href"));
        var hits = group.QuerySelectorAll(".search-group-hits > li.search-hit");
        Assert.Equal(items.Select(i => i.GetProperty("url").GetString()), hits.Select(h => h.QuerySelector("a")!.GetAttribute("href")));
        Assert.All(hits, h => Assert.Contains("<mark>奥司他韦</mark>", h.QuerySelector(".snippet")!.InnerHtml, StringComparison.Ordinal));
        Assert.Contains($"本场访谈 {items.Count} 条", group.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        // The count is still of results, not of sessions.
        Assert.StartsWith($"找到 {api.GetProperty("total").GetInt32()} 条结果", page.QuerySelector(".search-count")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNeighbouringHitsOfOneSessionShareAHeadingSoThePagesOrderIsKept()
    {
        // The demo archive has one published session: the order across sessions is shown on hits made here.
        static SearchHit Hit(int session, int seq) => new(
            session, SearchDocKind.Entry, seq, null, $"访谈{session}", null, "…", $"/interviews/{session}#e{seq}", "卫健在线", DateTimeOffset.UnixEpoch);
        var hits = new[] { Hit(1, 3), Hit(1, 9), Hit(2, 4), Hit(1, 12) };

        var groups = SearchResultList.Grouped(hits);

        Assert.Equal([[1, 1], [2], [1]], groups.Select(g => g.Select(h => h.InterviewId).ToArray()).ToArray());
        Assert.Equal(hits, groups.SelectMany(g => g));
    }
}
