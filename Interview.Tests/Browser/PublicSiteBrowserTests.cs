using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>What a person sees on the public site, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicSiteBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AVisitorFindsLiveUpcomingAndRecentSessionsOnTheHomePage()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("在线访谈", await page.TitleAsync());
        var headings = await page.Locator("main h2").AllInnerTextsAsync();
        Assert.Equal(["正在直播", "访谈预告", "往期回顾", "栏目"], headings);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "科学防控秋冬季流感 守护全家健康" }).IsVisibleAsync());
        Assert.True(await page.GetByText("直播中").First.IsVisibleAsync());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task TheSkipLinkStaysOnThePageItIsOnQueryAndAll()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/search?q=%E6%B5%81%E6%84%9F");

        // The first Tab reaches 跳到正文; Enter moves to the page's main content without leaving the page (a bare
        // "#main" against <base href="/"> used to load the home page instead).
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForFunctionAsync("() => location.hash === '#main'");
        Assert.EndsWith("/search?q=%E6%B5%81%E6%84%9F#main", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("main").EvaluateAsync<bool>("m => m.matches(':target')"));
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AVisitorOpensTheArchiveAndReadsTheTranscript()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "科学防控秋冬季流感 守护全家健康" }).ClickAsync();

        await page.ArrivedAtAsync("/interviews/\\d+$");
        Assert.Equal("科学防控秋冬季流感 守护全家健康", await page.Locator("h1").InnerTextAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "访谈摘要" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "文字实录" })).ToBeVisibleAsync();
        var entries = page.Locator("ol.entries > li.entry");
        Assert.True(await entries.CountAsync() >= 20);
        Assert.Equal("[主持人]", await entries.First.Locator(".speaker").InnerTextAsync());
        Assert.Contains("[网友 ", string.Join('\n', await page.Locator(".entry-question .speaker").AllInnerTextsAsync()), StringComparison.Ordinal);
        Assert.Matches("^\\d\\d:\\d\\d$", await entries.First.Locator("time").InnerTextAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "网友提问统计" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APermanentLinkLandsOnItsEntry()
    {
        var id = await browser.Site.DemoInterviewIdAsync("published");
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 700 } });

        await page.GotoAsync($"/interviews/{id}#e20");

        var entry = page.Locator("#e20");
        Assert.True(await entry.IsVisibleAsync());
        Assert.True(await entry.EvaluateAsync<bool>("e => e.matches(':target')"));
        // Scrolling may be smooth: wait until the entry has come into view.
        await page.WaitForFunctionAsync(
            "() => { const top = document.getElementById('e20').getBoundingClientRect().top; return top >= -1 && top < innerHeight; }",
            null);
        Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 0);
    }

    [Fact]
    public async Task OnAPhoneTheArchiveFitsTheScreenAndIsStyled()
    {
        var id = await browser.Site.DemoInterviewIdAsync("published");
        var page = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });

        await page.GotoAsync($"/interviews/{id}");

        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        // The stylesheet arrived and applies: the site's own font stack, not the browser default.
        var font = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.Contains("sans-serif", font, StringComparison.Ordinal);
        // The photos load lazily: bring the first into view and let it load.
        var guestPhoto = page.Locator("section.guests img").First;
        await guestPhoto.ScrollIntoViewIfNeededAsync();
        await guestPhoto.EvaluateAsync("img => img.decode()");
        Assert.True(await guestPhoto.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
    }

    [Fact]
    public async Task ThePagesReadWithJavaScriptOff()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await page.GotoAsync("/columns/health");

        Assert.Equal("卫健在线", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("li.card").CountAsync() >= 2);
    }

    [Fact]
    public async Task AnUnknownSessionShowsTheNotFoundPage()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/interviews/987654");

        Assert.Equal(404, response!.Status);
        Assert.Equal("页面不存在", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "返回首页" }).IsVisibleAsync());
    }
}
