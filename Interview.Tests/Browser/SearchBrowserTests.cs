using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>Searching the archive in a real browser, from the home page to the entry found.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AVisitorSearchesFromTheHomePageAndLandsOnTheHighlightedEntry()
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 700 } });
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索访谈" }).FillAsync("奥司他韦");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        await page.ArrivedAtAsync("/search\\?q=");

        Assert.Matches("找到 \\d+ 条结果", await page.Locator(".search-count").InnerTextAsync());
        Assert.Equal("奥司他韦", await page.Locator(".search-hit mark").First.InnerTextAsync());
        var result = page.Locator(".search-hit a[href*='#e']").First;
        var seq = (await result.GetAttributeAsync("href"))!.Split("#e")[1];
        await result.ClickAsync();
        await page.ArrivedAtAsync($"/interviews/\\d+#e{seq}$");

        var entry = page.Locator($"#e{seq}");
        await page.WaitForFunctionAsync($"() => document.getElementById('e{seq}')?.matches(':target') === true");
        Assert.Contains("奥司他韦", await entry.InnerTextAsync(), StringComparison.Ordinal);
        // Visibly highlighted: the :target rule outlines it, which no other entry has.
        await Assertions.Expect(entry).ToHaveCSSAsync("outline-style", "solid");
        Assert.Equal("none", await page.Locator("li.entry:not(:target)").First.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await page.WaitForFunctionAsync(
            $"() => {{ const top = document.getElementById('e{seq}').getBoundingClientRect().top; return top >= -1 && top < innerHeight; }}",
            null);
    }
}
