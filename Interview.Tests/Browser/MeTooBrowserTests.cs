using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Web.Questions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>同问 on the public question list in a real browser: a tap adds the reader's voice once, and shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeTooBrowserTests(LiveSiteFixture browser) : IClassFixture<LiveSiteFixture>
{
    [Fact]
    public async Task ATapAddsTheReadersVoiceOnceAndTheCountShowsOnThePage()
    {
        var site = browser.Staff;
        var id = await site.NewLiveSessionAsync("同问浏览器");
        using var admin = site.Client(await site.TokenAsync());
        // Asked and joined by other clients (keys of their own), so that the browser is a new voice.
        var receipt = await site.Services.GetRequiredService<QuestionIntake>().SubmitAsync(id, "车主", "小区充电桩不够用怎么办？", null, null, "asker-client");
        var qid = await site.QuestionIdAsync(receipt);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { })).IsSuccessStatusCode);
        Assert.Equal(1, await site.Services.GetRequiredService<MeToos>().AddAsync(qid, "neighbour-client"));
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        Assert.Equal(200, (await page.GotoAsync($"/interviews/{id}"))!.Status);
        var question = page.Locator($"#q{qid}");
        await Assertions.Expect(question.Locator(".me-too")).ToHaveTextAsync("同问 1");

        var button = question.Locator("button.me-too-button");
        await Assertions.Expect(button).ToHaveTextAsync("同问");
        await button.ClickAsync();

        await Assertions.Expect(question.Locator(".me-too")).ToHaveTextAsync("同问 2");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await button.ClickAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#q{qid} .me-too")).ToHaveTextAsync("同问 2");
        await Assertions.Expect(page.Locator($"#q{qid} button.me-too-button")).ToHaveAttributeAsync("aria-pressed", "true");
    }
}
