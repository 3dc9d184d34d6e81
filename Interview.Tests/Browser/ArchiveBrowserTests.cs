using Interview.Tests.Archive;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>The archive site of <see cref="ArchiveSite"/> (hostile title, photos, a correction) in a real browser.</summary>
public sealed class ArchiveBrowserFixture() : BrowserFixture(new ArchiveSite()), IAsyncLifetime
{
    public ArchiveSite Archive => (ArchiveSite)Site;

    async Task IAsyncLifetime.InitializeAsync()
    {
        // Kestrel first: seeding starts the host, which must already be the real server.
        await InitializeAsync();
        await Archive.InitializeAsync();
    }
}

/// <summary>The archive as a document: the snapshot offline, the metadata under the CSP, the page on paper.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ArchiveBrowserTests(ArchiveBrowserFixture browser) : IClassFixture<ArchiveBrowserFixture>
{
    [Fact]
    public async Task TheSnapshotOpensFromAFileWithNoNetworkAtAllAndLooksRight()
    {
        var file = Path.Combine(browser.Archive.DataDirectory, "snapshot-test.html");
        using (var client = browser.Site.CreateClient())
        {
            await File.WriteAllBytesAsync(file, await client.GetByteArrayAsync($"/interviews/{browser.Archive.ArchiveId}/snapshot.html"));
        }
        var fileUrl = new Uri(file).AbsoluteUri;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        await context.SetOfflineAsync(true);
        var page = await context.NewPageAsync();
        var routed = new List<string>();
        var requested = new List<string>();
        // Every request is refused and counted, except the file itself (routing sees file:// too).
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == fileUrl)
            {
                await route.ContinueAsync();
                return;
            }
            routed.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.Request += (_, request) => requested.Add(request.Url);
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await page.GotoAsync(fileUrl);

        Assert.Equal(ArchiveSite.Title, await page.Locator("h1").InnerTextAsync());
        var entries = page.Locator("ol.entries > li.entry");
        Assert.Equal(3, await entries.CountAsync());
        Assert.True(await entries.Nth(2).IsVisibleAsync());
        Assert.Contains("一剂", await entries.Nth(2).Locator("> .entry-body").InnerTextAsync(), StringComparison.Ordinal);
        // The stylesheet inside applies: the site's red header and its font stack.
        Assert.Equal("rgb(179, 38, 30)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"));
        Assert.Contains("sans-serif", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"), StringComparison.Ordinal);
        // The photos (the guest's, the entry's and the one in its earlier wording) are inside the file and decoded.
        foreach (var image in await page.Locator("img").AllAsync())
        {
            await image.EvaluateAsync("img => img.decode()");
            Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        }
        Assert.Equal(3, await page.Locator("img").CountAsync());
        Assert.Empty(routed);
        Assert.DoesNotContain(requested, url => url != fileUrl);
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task TheArchivesJsonLdParsesInTheBrowserWithoutAnySecurityPolicyViolation()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") errors.Add(message.Text); };
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));");

        await page.GotoAsync($"/interviews/{browser.Archive.ArchiveId}");

        var headline = await page.EvaluateAsync<string>("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).headline");
        Assert.Equal(ArchiveSite.Title, headline);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task OnPaperTheArchiveDropsTheSiteChromeAndShowsItsAddressAndCorrections()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/interviews/{browser.Archive.ArchiveId}");
        Assert.False(await page.Locator(".print-only").IsVisibleAsync());
        Assert.True(await page.Locator("section.downloads").IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });

        Assert.False(await page.Locator(".site-header nav").IsVisibleAsync());
        Assert.False(await page.Locator(".site-footer").IsVisibleAsync());
        Assert.False(await page.Locator("section.downloads").IsVisibleAsync());
        var address = page.Locator(".print-only");
        Assert.True(await address.IsVisibleAsync());
        Assert.Contains($"{browser.BaseAddress.GetLeftPart(UriPartial.Authority)}/interviews/{browser.Archive.ArchiveId}", await address.InnerTextAsync(), StringComparison.Ordinal);
        // The correction trail is on paper even though its <details> is closed on screen.
        Assert.True(await page.Locator("#e3 details.corrections li").IsVisibleAsync());
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#e3 .speaker')).color"));
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.entry-question')).backgroundColor"));
        Assert.Equal("avoid", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.entry')).breakInside"));
    }
}
