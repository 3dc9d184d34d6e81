using Interview.Tests.Support;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>A citizen on a phone asks a question on the preview page, with script off, and gets a receipt.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AskingBrowserTests(ConsoleBrowserFixture browser) : IClassFixture<ConsoleBrowserFixture>
{
    [Fact]
    public async Task ACitizenAsksWithoutScriptAndGetsAReceiptToLookUp()
    {
        var id = await browser.Site.DemoInterviewIdAsync("scheduled&column=policy");
        var page = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
        });

        await page.GotoAsync($"/interviews/{id}");
        await page.GetByLabel("昵称").FillAsync("参保居民老刘");
        await page.GetByLabel("问题（不超过 500 字）").FillAsync("灵活就业人员能参加城乡居民医保吗？");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();

        await page.ArrivedAtAsync("/receipts/");
        var receipt = await page.Locator(".receipt-code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{12}$", receipt);
        Assert.Equal("待审", await page.Locator(".receipt-status").InnerTextAsync());

        // The question is not public before a moderator approves it.
        await page.GotoAsync($"/interviews/{id}");
        Assert.Equal(0, await page.GetByText("灵活就业人员能参加城乡居民医保吗？").CountAsync());
        await page.GotoAsync($"/receipts/{receipt}");
        Assert.Equal("待审", await page.Locator(".receipt-status").InnerTextAsync());
    }

    [Fact]
    public async Task AnEmptyQuestionComesBackWithTheReason()
    {
        var id = await browser.Site.DemoInterviewIdAsync("live");
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await page.GotoAsync($"/interviews/{id}");
        await page.GetByLabel("昵称").FillAsync("小张");
        // Only spaces: the browser's own "required" lets it through; the server must refuse it.
        await page.GetByLabel("问题（不超过 500 字）").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();

        // The server answers the post with the form again: its own message, and what was typed still there.
        await Assertions.Expect(page.Locator(".ask .form-error")).ToContainTextAsync("问题内容不能为空");
        await Assertions.Expect(page.GetByLabel("昵称")).ToHaveValueAsync("小张");
        Assert.DoesNotContain("?", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionBeingTypedSurvivesTheTextModeRefresh()
    {
        var id = await browser.Site.DemoInterviewIdAsync("live");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString(), Locale = "zh-CN" });
        var feed = await context.NewPageAsync();
        feed.SetDefaultTimeout(BrowserFixture.WaitMilliseconds);
        var loads = 0;
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Load += (_, _) =>
        {
            if (Interlocked.Increment(ref loads) >= 2)
            {
                reloaded.TrySetResult();
            }
        };

        // The text-mode feed refreshes itself every 10 s; its question link opens the form in a page that does not.
        await feed.GotoAsync($"/interviews/{id}?mode=text&refresh=10");
        var ask = await context.NewPageAsync();
        ask.SetDefaultTimeout(BrowserFixture.WaitMilliseconds);
        await ask.GotoAsync(await feed.Locator("#ask a").GetAttributeAsync("href") ?? "");
        await ask.GetByLabel("昵称").FillAsync("上夜班的市民");
        await ask.GetByLabel("问题（不超过 500 字）").FillAsync("夜间急诊能用家庭医生的签约优惠吗？");

        // A full refresh interval has passed once the feed has loaded again.
        await reloaded.Task.WaitAsync(TimeSpan.FromMilliseconds(BrowserFixture.WaitMilliseconds));

        await Assertions.Expect(ask.GetByLabel("问题（不超过 500 字）")).ToHaveValueAsync("夜间急诊能用家庭医生的签约优惠吗？");
        await Assertions.Expect(ask.GetByLabel("昵称")).ToHaveValueAsync("上夜班的市民");
        await ask.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();
        await ask.ArrivedAtAsync("/receipts/");
        await context.CloseAsync();
    }
}
