using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Tests.Browser;

/// <summary>
/// The studio big screen and the overlay in a real browser: they follow the session without a reload, the host's pin
/// shows at once, and a lost connection is caught up when it returns.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioScreenBrowserTests(LiveSiteFixture browser, ITestOutputHelper output) : IClassFixture<LiveSiteFixture>
{
    private StaffSite Site => browser.Staff;

    [Fact]
    public async Task TheBigScreenShowsTheQuestionPutAndTheAnswerLiveAndCatchesUpAfterADrop()
    {
        var id = await Site.NewLiveSessionAsync("大屏浏览器");
        using var admin = Site.Client(await Site.TokenAsync());
        using var citizen = Site.CreateDefaultClient(new ClientAddress("10.9.1.1"));
        var first = await Site.ApprovedQuestionAsync(admin, citizen, id, "城区什么时候通地铁？", "通勤族");
        var second = await Site.ApprovedQuestionAsync(admin, citizen, id, "菜市场改造期间去哪买菜？", "老街坊");
        var third = await Site.ApprovedQuestionAsync(admin, citizen, id, "社区食堂能开到晚上吗？", "上班族");
        var url = await LinkAsync(admin, id);
        var errors = new List<string>();
        var page = await OpenAsync(url, errors);
        await Assertions.Expect(page.Locator("main.screen[data-live=joined]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-part=question]")).ToBeHiddenAsync();

        var put = Stopwatch.StartNew();
        await PublishAsync(admin, id, new { kind = "question", questionId = first });
        await Assertions.Expect(page.Locator("[data-field=question]")).ToHaveTextAsync("城区什么时候通地铁？");
        output.WriteLine($"question put → on the big screen: {put.ElapsedMilliseconds} ms");
        await Assertions.Expect(page.Locator(".screen-asker")).ToHaveTextAsync("通勤族 问：");
        await PublishAsync(admin, id, new { kind = "guest", markdown = "明年**六月**开通。", guestId = await Site.GuestIdAsync(id), questionId = first });
        await Assertions.Expect(page.Locator("[data-field=answer]")).ToHaveTextAsync("明年六月开通。");
        await Assertions.Expect(page.Locator("[data-field=speaker]")).ToHaveTextAsync("李卫东");

        var pinned = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/screen", new { questionId = second })).StatusCode);
        await Assertions.Expect(page.Locator("[data-field=question]")).ToHaveTextAsync("菜市场改造期间去哪买菜？");
        output.WriteLine($"question pinned → on the big screen: {pinned.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/screen", new { questionId = (int?)null })).StatusCode);
        await Assertions.Expect(page.Locator("[data-field=question]")).ToHaveTextAsync("城区什么时候通地铁？");

        Assert.True(errors.Count == 0, string.Join('\n', errors));
        // A drop: whichever comes first, the poll or the hub's reconnection, brings the screen up to date.
        await page.Context.SetOfflineAsync(true);
        await PublishAsync(admin, id, new { kind = "question", questionId = third });
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("[data-field=question]")).ToHaveTextAsync("社区食堂能开到晚上吗？");
        await Assertions.Expect(page.Locator("[data-part=answer]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheOverlayIsALowerThirdOnATransparentPage()
    {
        var id = await Site.NewLiveSessionAsync("叠加层");
        using var admin = Site.Client(await Site.TokenAsync());
        using var citizen = Site.CreateDefaultClient(new ClientAddress("10.9.2.1"));
        var question = await Site.ApprovedQuestionAsync(admin, citizen, id, "夜市会恢复吗？", "夜猫子");
        await PublishAsync(admin, id, new { kind = "question", questionId = question });
        var url = await LinkAsync(admin, id);

        var page = await OpenAsync(url + "?overlay=1", []);

        await Assertions.Expect(page.Locator("[data-field=question]")).ToHaveTextAsync("夜市会恢复吗？");
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        var box = (await page.Locator("main.screen-overlay").BoundingBoxAsync())!;
        Assert.True(box.Y > 1080 / 2, $"the overlay should sit in the lower part of the frame, not at y={box.Y}");
    }

    /// <summary>A full-HD page, as a studio display or a mixer's browser source, collecting script errors into <paramref name="errors"/>.</summary>
    private async Task<IPage> OpenAsync(string url, List<string> errors)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        Assert.Equal(200, (await page.GotoAsync(url))!.Status);
        return page;
    }

    private static async Task<string> LinkAsync(HttpClient admin, int id)
    {
        var response = await admin.PostAsync($"/api/v1/interviews/{id}/screen-link", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
    }

    private static async Task PublishAsync(HttpClient staff, int id, object entry) =>
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", entry)).StatusCode);
}
