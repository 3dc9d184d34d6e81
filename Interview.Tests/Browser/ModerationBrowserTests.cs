using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>A moderator works the queue in a real browser with the keyboard alone (GB/T 37668).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ModerationBrowserTests(ConsoleBrowserFixture browser) : IClassFixture<ConsoleBrowserFixture>
{
    private const string ModeratorEmail = "moderator@example.gov.cn";

    private StaffSite Site => (StaffSite)browser.Site;

    [Fact]
    public async Task AModeratorSignsInAndApprovesAQuestionWithTheKeyboardOnly()
    {
        await Site.CreateStaffAsync(ModeratorEmail, "moderator");
        var id = await ScheduledSessionAsync();
        var first = await AskAsync(id, "第一个问题：流感疫苗在哪里打？");
        var second = await AskAsync(id, "第二个问题：老人打疫苗免费吗？");
        var page = await browser.SignedInAsync(ModeratorEmail);
        await page.GotoAsync($"/admin/sessions/{id}/moderate");
        var rows = page.Locator(".moderation-item");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // The queue has the focus from the start: the first question, selected.
        var selected = page.Locator(".moderation-item[aria-selected=true]");
        await Assertions.Expect(selected).ToBeFocusedAsync();
        await Assertions.Expect(selected).ToContainTextAsync("流感疫苗在哪里打");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(selected).ToContainTextAsync("老人打疫苗免费吗");
        await Assertions.Expect(selected).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("a");

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("流感疫苗在哪里打");
        // The focus moved to the question in its place, so the keys keep working without the mouse.
        await Assertions.Expect(page.Locator(".moderation-item[aria-selected=true]")).ToBeFocusedAsync();
        Assert.Equal("approved", await ReceiptStatusAsync(second));
        Assert.Equal("pending", await ReceiptStatusAsync(first));

        // Edit: the box takes the focus, letters typed into it stay there, Ctrl+Enter approves the edit.
        await page.Keyboard.PressAsync("e");
        var box = page.Locator("textarea.edit-text");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" jkarm");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.Locator(".queue-empty")).ToBeVisibleAsync();
        Assert.Equal("approved", await ReceiptStatusAsync(first));
        var contexts = Site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var edited = await db.Questions.SingleAsync(q => q.Receipt == first);
        Assert.Equal(("第一个问题：流感疫苗在哪里打？ jkarm", "第一个问题：流感疫苗在哪里打？"), (edited.Text, edited.OriginalText));
    }

    [Fact]
    public async Task ACitizenAsksAModeratorApprovesTheHostPutsItTheTypistAnswersAndTheReceiptShowsTheAnswer()
    {
        await Site.CreateStaffAsync("flow-moderator@example.gov.cn", "moderator");
        var id = await ScheduledSessionAsync();
        using (var admin = Site.Client(await Site.TokenAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "live" })).StatusCode);
        }

        // A citizen on a phone asks on the live page.
        var citizen = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 740 }, IsMobile = true });
        await citizen.GotoAsync($"/interviews/{id}");
        await citizen.GetByLabel("昵称").FillAsync("个体户老陈");
        await citizen.GetByLabel("问题（不超过 500 字）").FillAsync("个体工商户办理营业执照能全程网上办吗？");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交问题" }).ClickAsync();
        await citizen.ArrivedAtAsync("/receipts/");
        var receiptUrl = citizen.Url;
        await Assertions.Expect(citizen.Locator(".receipt-status")).ToHaveTextAsync("待审");

        // The moderator approves it from the keyboard.
        var moderator = await browser.SignedInAsync("flow-moderator@example.gov.cn");
        await moderator.GotoAsync($"/admin/sessions/{id}/moderate");
        var selected = moderator.Locator(".moderation-item[aria-selected=true]");
        await Assertions.Expect(selected).ToContainTextAsync("营业执照能全程网上办吗");
        // The console puts the focus on the selected question once its circuit is up; keys go there.
        await Assertions.Expect(selected).ToBeFocusedAsync();
        await moderator.Keyboard.PressAsync("a");
        await Assertions.Expect(moderator.Locator(".queue-empty")).ToBeVisibleAsync();

        // The host puts it to the guest.
        var host = await browser.SignedInAsync(StaffSite.AdminEmail);
        await host.GotoAsync($"/admin/sessions/{id}/host");
        await host.GetByRole(AriaRole.Button, new() { Name = "提问：把个体户老陈的问题提给嘉宾" }).ClickAsync();
        await Assertions.Expect(host.Locator(".question-board .question-state")).ToContainTextAsync("待答复");

        // The typist answers it: the composer follows the question the host just put.
        var typist = await browser.SignedInAsync(StaffSite.AdminEmail);
        await typist.GotoAsync($"/admin/sessions/{id}/type");
        var box = typist.Locator("textarea.answer-text");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await box.FillAsync("可以。登录政务服务网，营业执照申请、审核、发照全程网上办理，最快当天办结。");
        await box.PressAsync("Control+Enter");
        await Assertions.Expect(typist.Locator(".answer-status")).ToContainTextAsync("已发布");

        // The asker's receipt now says answered and links to the answer in the transcript.
        await citizen.GotoAsync(receiptUrl);
        await Assertions.Expect(citizen.Locator(".receipt-status")).ToHaveTextAsync("已答复");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "查看答复" }).ClickAsync();
        await citizen.ArrivedAtAsync($"/interviews/{id}#e\\d+$");
        var target = citizen.Url[(citizen.Url.IndexOf('#') + 1)..];
        await Assertions.Expect(citizen.Locator($"[id='{target}']")).ToContainTextAsync("全程网上办理");
    }

    private async Task<int> ScheduledSessionAsync()
    {
        using var admin = Site.Client(await Site.TokenAsync());
        var columns = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/columns")).RootElement.GetProperty("items");
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = columns[0].GetProperty("id").GetInt32(),
            title = "审核台键盘操作测试访谈",
            scheduledStart = start,
            scheduledEnd = start.AddHours(1),
            guests = new[] { new { name = "周明", title = "局长", organization = "市营商环境建设局" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var scheduled = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        return id;
    }

    private async Task<string> AskAsync(int interviewId, string text)
    {
        using var client = Site.CreateClient();
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname = "市民小王", text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    private async Task<string> ReceiptStatusAsync(string receipt)
    {
        using var client = Site.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement.GetProperty("status").GetString()!;
    }
}
