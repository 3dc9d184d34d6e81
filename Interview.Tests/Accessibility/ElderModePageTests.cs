using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Accessibility;

/// <summary>
/// The display mode as the server renders it: the switch in every public page's header, and elder mode on the page's
/// &lt;html&gt; from the first byte (no script involved).
/// </summary>
public sealed class ElderModePageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Elder = "interview.display=elder";

    [Fact]
    public async Task AfterTheSwitchThePageItReturnsToIsInElderMode()
    {
        using var reader = site.CreateClient();

        using var switched = await reader.GetAsync("/accessibility?mode=elder&returnUrl=/columns/health");
        var html = await Parse(switched);

        Assert.Equal("/columns/health", switched.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.True(html.DocumentElement.ClassList.Contains("elder"));
        Assert.Equal("卫健在线", html.QuerySelector("h1")?.TextContent);

        using var back = await reader.GetAsync("/accessibility?mode=standard&returnUrl=/columns/health");
        Assert.False((await Parse(back)).DocumentElement.ClassList.Contains("elder"));
    }

    [Fact]
    public async Task WithoutTheCookieNoPageIsInElderMode()
    {
        using var client = site.CreateClient();

        var html = await Parse(await client.GetAsync("/"));

        Assert.False(html.DocumentElement.HasAttribute("class"));
    }

    [Fact]
    public async Task PortalWidgetsKeepTheirOwnLook()
    {
        using var client = CookieClient(Elder);

        var html = await Parse(await client.GetAsync("/embed/columns/health"));

        Assert.False(html.DocumentElement.ClassList.Contains("elder"));
    }

    /// <summary>The staff pages follow the same cookie, with the consoles' high-contrast theme (StaffTheme.HighContrast).</summary>
    [Fact]
    public async Task StaffPagesInElderModeUseTheHighContrastStaffTheme()
    {
        using var elder = CookieClient(Elder);
        using var standard = site.CreateClient();

        var (elderHtml, standardHtml) = (await Parse(await elder.GetAsync("/account/sign-in")), await Parse(await standard.GetAsync("/account/sign-in")));

        Assert.True(elderHtml.DocumentElement.ClassList.Contains("elder"));
        Assert.Contains("--mud-palette-primary: rgba(142,28,22,1)", elderHtml.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.False(standardHtml.DocumentElement.ClassList.Contains("elder"));
        Assert.Contains("--mud-palette-primary: rgba(179,38,30,1)", standardHtml.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPublicPageLinksToTheSwitchWithItselfAsTheWayBack()
    {
        var live = await site.DemoInterviewIdAsync("live");
        var published = await site.DemoInterviewIdAsync("published");
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        // The public pages of MalformedRequestTests' walk that render HTML with the site's header, and the status pages.
        string[] pages =
        [
            "/", "/columns/health", "/columns/x", $"/interviews/{live}", $"/interviews/{live}?mode=text&order=desc",
            $"/interviews/{published}", $"/interviews/{scheduled}", $"/interviews/{live}/ask", "/search", "/search?q=流感",
            "/receipts/AAAAAAAAAAAA", "/interviews/987654",
        ];
        using var standard = site.CreateClient();
        using var elder = CookieClient(Elder);

        foreach (var page in pages)
        {
            var (standardHtml, elderHtml) = (await Parse(await standard.GetAsync(page)), await Parse(await elder.GetAsync(page)));

            AssertSwitch(standardHtml, page, "长辈模式", "elder");
            AssertSwitch(elderHtml, page, "标准模式", "standard");
            Assert.True(elderHtml.DocumentElement.ClassList.Contains("elder"), page);
            Assert.False(standardHtml.DocumentElement.ClassList.Contains("elder"), page);
        }
    }

    private static void AssertSwitch(IDocument html, string page, string text, string mode)
    {
        var link = html.QuerySelector(".site-header .site-tools a.display-switch");
        Assert.True(link is not null, $"{page} has no display switch in its header");
        Assert.Equal(text, link.TextContent);
        var href = new Uri(new Uri("http://localhost"), link.GetAttribute("href"));
        Assert.Equal("/accessibility", href.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(href.Query);
        Assert.Equal(mode, query["mode"].ToString());
        // The page as the server received it: a browser sends the query's Chinese percent-encoded.
        Assert.Equal(new Uri(new Uri("http://localhost"), page).PathAndQuery, query["returnUrl"].ToString());
    }

    private HttpClient CookieClient(string cookie)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<IDocument> Parse(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{response.StatusCode} {response.RequestMessage?.RequestUri}");
        return new HtmlParser().ParseDocument(text);
    }
}
