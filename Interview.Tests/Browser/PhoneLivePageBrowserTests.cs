using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Tests.Browser;

/// <summary>
/// Issue 13 point 1 on a 390 × 844 phone: the live feed's newest entry is in the first screen, the ask link is at hand at
/// any scroll position and leads to the form; the preview counts down and turns into the live page once the host starts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneLivePageBrowserTests(LiveSiteFixture browser, ITestOutputHelper output) : IClassFixture<LiveSiteFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private StaffSite Site => browser.Staff;

    [Fact]
    public async Task OnAPhoneTheNewestEntryIsInTheFirstScreenAndTheAskLinkReachesTheFormFromAnywhere()
    {
        var id = await Site.DemoInterviewIdAsync("live");
        using var admin = Site.Client(await Site.TokenAsync());
        // A feed longer than a few screens, as an hour of live answers is.
        var newest = 0;
        for (var i = 1; i <= 12; i++)
        {
            var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown = $"第{i}段主持人串场：{new string('请', 60)}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            newest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt32();
        }
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone, IsMobile = true, HasTouch = true });
        Assert.Equal(200, (await page.GotoAsync($"/interviews/{id}"))!.Status);
        await Assertions.Expect(page.Locator("section.transcript[data-live-state=live]")).ToHaveCountAsync(1);

        var box = await page.Locator($"#e{newest}").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= Phone.Height, $"the newest entry is at {box.Y}–{box.Y + box.Height} px");
        output.WriteLine($"newest entry at {box.Y:0}–{box.Y + box.Height:0} px of {Phone.Height}");
        var pageHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(pageHeight > 3 * Phone.Height, $"the page is only {pageHeight} px high");

        var jump = page.Locator("a.ask-jump");
        foreach (var at in new[] { "document.documentElement.scrollHeight / 2", "document.documentElement.scrollHeight" })
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {at})");
            await Assertions.Expect(jump).ToBeInViewportAsync(new() { Ratio = 1 });
            var target = await jump.BoundingBoxAsync();
            Assert.True(target!.Height >= 44 && target.Width >= 44, $"the ask link is {target.Width}×{target.Height} px");
        }
        // At the end of the page the link covers nothing: the page's last line and the form's button stay clear of it.
        var jumpBox = (await jump.BoundingBoxAsync())!;
        var submit = (await page.Locator("#ask button[type=submit]").BoundingBoxAsync())!;
        Assert.True(submit.Y + submit.Height <= jumpBox.Y || submit.X + submit.Width <= jumpBox.X, "the ask link covers the form's button");

        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight / 2)");
        await jump.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#ask$"));
        await Assertions.Expect(page.Locator("#ask-text")).ToBeInViewportAsync();
        // The keyboard goes on from the form: its fields are the next stops.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#ask-nickname")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#ask-text")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task APreviewCountsDownAndTurnsIntoTheLivePageWhenTheHostStartsIt()
    {
        using var admin = Site.Client(await Site.TokenAsync());
        var start = DateTimeOffset.UtcNow.AddHours(2).ToOffset(TimeSpan.FromHours(8));
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1,
            title = "倒计时测试",
            scheduledStart = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            scheduledEnd = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" })).StatusCode);
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        Assert.Equal(200, (await page.GotoAsync($"/interviews/{id}?poll=2"))!.Status);

        var left = page.Locator(".countdown-left");
        await Assertions.Expect(left).ToHaveTextAsync(CountdownText());
        var first = await left.TextContentAsync();
        await Assertions.Expect(left).Not.ToHaveTextAsync(first!);
        await Assertions.Expect(page.Locator("section.transcript")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.notReloaded = true");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "live" })).StatusCode);

        await Assertions.Expect(page.Locator("section.transcript[data-live-state=live]")).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the live page came without a reload");
        await Assertions.Expect(page.Locator(".countdown")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("a.ask-jump")).ToBeVisibleAsync();
    }

    /// <summary>距直播开始还有 1 小时 59 分 58 秒 (or 2 小时 0 分 … just after the session was made).</summary>
    [GeneratedRegex(@"^距直播开始还有 (1 小时 59|2 小时 0) 分 \d{1,2} 秒$")]
    private static partial Regex CountdownText();
}
