using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>An admin adds a (made-up) word in a real browser; a citizen's evasive traditional, spaced form of it is flagged.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WordListsBrowserTests(ConsoleBrowserFixture browser) : IClassFixture<ConsoleBrowserFixture>
{
    [Fact]
    public async Task AnAdminAddsAWordTestsItAndACitizensEvasiveFormIsFlagged()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/wordlists");
        await page.ArrivedAtAsync("/account/sign-in");
        await page.GetByLabel("电子邮箱").FillAsync(StaffSite.AdminEmail);
        await page.GetByLabel("密码").FillAsync(StaffSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArrivedAtAsync("/admin/wordlists$");

        await page.GetByLabel("词表名称").FillAsync("全站测试词表");
        await page.Locator(".new-wordlist-form textarea").First.FillAsync("紫色河马\n蓝鲸飞行");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建词表" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "全站测试词表", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".wordlist-history tbody tr")).ToHaveCountAsync(1);

        await page.Locator(".wordlist-tester textarea").First.FillAsync("我看见紫 色-河馬了，电话13800138000");
        await page.GetByRole(AriaRole.Button, new() { Name = "检测", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".wordlist-test-text mark").First).ToHaveTextAsync("紫 色-河馬");
        await Assertions.Expect(page.Locator(".wordlist-test-masked")).ToHaveTextAsync("我看见紫 色-河馬了，电话138****8000");

        var id = await browser.Site.DemoInterviewIdAsync("live");
        var citizen = await browser.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await citizen.GotoAsync($"/interviews/{id}");
        await citizen.GetByLabel("昵称").FillAsync("网友");
        await citizen.GetByLabel("问题（不超过 500 字）").FillAsync("藍\u200B鯨 飛.行表演什么时候有？");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();
        await citizen.ArrivedAtAsync("/receipts/");

        var contexts = browser.Site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.AsNoTracking().OrderBy(q => q.Id).LastAsync();
        Assert.Equal(QuestionStatus.Pending, question.Status);
        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, "「蓝鲸飞行」 · 全站测试词表 v1"), question.Flags);
        if (Environment.GetEnvironmentVariable("WORDLISTS_SCREENSHOT") is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        }
    }
}
