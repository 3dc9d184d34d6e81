using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>
/// The staff flows from the keyboard alone (GB/T 37668): Tab, Shift+Tab, Enter, Space, Esc, the arrows, the consoles'
/// own keys, and typing. Each test signs in through the form and then never clicks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardFlowBrowserTests(ConsoleBrowserFixture browser) : IClassFixture<ConsoleBrowserFixture>
{
    private StaffSite Site => browser.Staff;

    [Fact]
    public async Task TheHostPutsAndAnswersQuestionsWithTheShortcutsAndTheFocusFollowsEachAction()
    {
        var id = await SessionAsync("live");
        var first = await ApprovedQuestionAsync(id, "第一个问题：夜间门诊几点关门？");
        var second = await ApprovedQuestionAsync(id, "第二个问题：周末能挂专家号吗？");
        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        await page.GotoAsync($"/admin/sessions/{id}/host");
        await Assertions.Expect(page.Locator("body[data-host-shortcuts=on]")).ToHaveCountAsync(1);
        var composer = page.Locator("textarea.host-remark-text");
        var state = (int question) => page.Locator($".desk-question[data-question='{question}'] .question-state");

        // Alt+N puts the first question; the host then introduces it in the text box, which has the focus.
        await page.Keyboard.PressAsync("Alt+n");
        await Assertions.Expect(state(first)).ToContainTextAsync("待答复");
        await Assertions.Expect(composer).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("请王主任回答这位网友。");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(composer).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "主持人发言已发布" })).ToBeVisibleAsync();

        // Alt+A (from the text box) marks it answered; the focus moves on to the next question's button.
        await page.Keyboard.PressAsync("Alt+a");
        await Assertions.Expect(state(first)).ToContainTextAsync("已答复");
        var askSecond = page.Locator($".desk-question[data-question='{second}'] .ask-question");
        await Assertions.Expect(askSecond).ToBeFocusedAsync();
        await Assertions.Expect(askSecond).ToHaveAttributeAsync("aria-keyshortcuts", "Alt+N");

        // Enter on it puts it, as Alt+N would, and the focus goes back to the text box.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(state(second)).ToContainTextAsync("待答复");
        await Assertions.Expect(composer).ToBeFocusedAsync();

        // Alt+C comes back to the text box from anywhere.
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(composer).Not.ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+c");
        await Assertions.Expect(composer).ToBeFocusedAsync();

        // Esc closes the confirmation of 结束访谈, changing nothing, and the focus is back on the button.
        var end = page.Locator(".end-live");
        await TabToAsync(page, end);
        await page.Keyboard.PressAsync("Enter");
        await DialogHasTheFocusAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(end).ToBeFocusedAsync();
        Assert.Equal(InterviewStatus.Live, (await SessionRowAsync(id)).Status);
    }

    [Fact]
    public async Task AfterSixtyEntriesTheHostsTextBoxIsStillOnTheFirstScreenAndTheNewestEntryInView()
    {
        var id = await SessionAsync("live");
        using var admin = Site.Client(await Site.TokenAsync());
        var say = async (int n) => Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries",
            new { kind = "host", markdown = $"第 {n} 条主持人发言：请网友继续提问。" })).StatusCode);
        for (var n = 1; n <= 60; n++)
        {
            await say(n);
        }
        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync($"/admin/sessions/{id}/host");
        var area = page.Locator(".host-transcript");
        var entry = (int seq) => area.Locator($".live-entry[data-seq='{seq}']");
        await Assertions.Expect(entry(60)).ToBeVisibleAsync();

        // The text box and its button are on the first screen, the page unscrolled (the issue measured the box 1,650 px down).
        var publish = await page.Locator(".publish-remark").BoundingBoxAsync();
        Assert.NotNull(publish);
        Assert.True(publish.Y + publish.Height <= 800, $"the text box's button ends at {publish.Y + publish.Height} px, below the 800 px screen");
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));

        // The transcript's own area opens at its end, and stays there as the next entry arrives.
        await ShownInAsync(area, entry(60));
        await Assertions.Expect(entry(1)).Not.ToBeInViewportAsync();
        await say(61);
        await Assertions.Expect(entry(61)).ToBeVisibleAsync();
        await ShownInAsync(area, entry(61));

        // From the keyboard: the area takes the focus, and Home scrolls it to the first entry.
        await TabToAsync(page, area);
        await Assertions.Expect(area).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(entry(1)).ToBeInViewportAsync();
    }

    [Fact]
    public async Task ATypistPostsAnAnswerAndAReviewerApprovesItWithTheKeyboardOnly()
    {
        var id = await SessionAsync("live");
        using (var admin = Site.Client(await Site.TokenAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/review", new { required = true })).StatusCode);
        }

        // The typist's box has the focus from the start; Ctrl+Enter sends it for review.
        var typist = await browser.SignedInAsync(StaffSite.AdminEmail);
        await typist.GotoAsync($"/admin/sessions/{id}/type");
        await Assertions.Expect(typist.Locator("textarea.answer-text")).ToBeFocusedAsync();
        await typist.Keyboard.TypeAsync("夜间门诊开到晚上九点，急诊全天开放。");
        await typist.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(typist.Locator("textarea.answer-text")).ToHaveValueAsync("");

        // The reviewer tabs to 通过并发布 and presses Space.
        var reviewer = await browser.SignedInAsync(StaffSite.AdminEmail);
        await reviewer.GotoAsync($"/admin/sessions/{id}/review");
        await Assertions.Expect(reviewer.Locator(".pending-draft")).ToContainTextAsync("急诊全天开放");
        await TabToAsync(reviewer, reviewer.Locator(".approve-draft"));
        await reviewer.Keyboard.PressAsync("Space");
        await Assertions.Expect(reviewer.Locator(".no-pending")).ToBeVisibleAsync();

        using var client = Site.CreateClient();
        var entries = await client.GetStringAsync($"/api/v1/interviews/{id}/entries");
        Assert.Contains("急诊全天开放", entries, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModeratorRejectsAQuestionWithAReasonWithTheKeyboardOnly()
    {
        await Site.CreateStaffAsync("keys-moderator@example.gov.cn", "moderator");
        var id = await SessionAsync("scheduled");
        var receipt = await AskAsync(id, "我想问一下隔壁邻居家的事情。");
        var page = await browser.SignedInAsync("keys-moderator@example.gov.cn");
        await page.GotoAsync($"/admin/sessions/{id}/moderate");
        await Assertions.Expect(page.Locator(".moderation-item[aria-selected=true]")).ToBeFocusedAsync();

        // r opens the reasons, 2 picks 与主题无关, Enter confirms.
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator(".reject-panel")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".queue-empty")).ToBeVisibleAsync();
        using var client = Site.CreateClient();
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement;
        Assert.Equal(("rejected", "offTopic"), (status.GetProperty("status").GetString(), status.GetProperty("reasonCategory").GetString()));
    }

    [Fact]
    public async Task AnAdminEditsASessionWithTheKeyboardOnlyAndEscClosesTheConfirmation()
    {
        var id = await SessionAsync("draft");
        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        await page.GotoAsync($"/admin/sessions/{id}");

        // Tabbing into a field selects what is in it: Backspace empties it. Saved empty, the title is marked with its
        // message and takes the focus back.
        var title = page.GetByLabel("访谈标题");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "保存访谈信息" });
        await TabToAsync(page, title);
        await page.Keyboard.PressAsync("Backspace");
        await TabToAsync(page, save);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(title).ToBeFocusedAsync();
        await Assertions.Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(title).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("请填写访谈标题"));
        await page.Keyboard.TypeAsync("夜间门诊答网友问（改期）");
        await TabToAsync(page, save);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "访谈信息已保存" })).ToBeVisibleAsync();
        Assert.Equal("夜间门诊答网友问（改期）", (await SessionRowAsync(id)).Title);

        // 取消访谈 asks first; Esc closes the question, nothing changes and the focus is back where it was.
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "取消访谈" });
        await TabToAsync(page, cancel);
        await page.Keyboard.PressAsync("Enter");
        await DialogHasTheFocusAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(cancel).ToBeFocusedAsync();
        Assert.Equal(InterviewStatus.Draft, (await SessionRowAsync(id)).Status);
    }

    /// <summary>A dialog opened from the keyboard takes the focus (its focus trap), so Esc and Tab act inside it.</summary>
    private static async Task DialogHasTheFocusAsync(IPage page)
    {
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-dialog-container:focus-within")).ToHaveCountAsync(1);
    }

    /// <summary>Whether <paramref name="item"/> lies wholly inside what the scrolling <paramref name="area"/> shows.</summary>
    private static async Task ShownInAsync(ILocator area, ILocator item)
    {
        var shown = await area.BoundingBoxAsync();
        var box = await item.BoundingBoxAsync();
        Assert.NotNull(shown);
        Assert.NotNull(box);
        Assert.True(box.Y >= shown.Y - 1 && box.Y + box.Height <= shown.Y + shown.Height + 1,
            $"{item} at {box.Y}–{box.Y + box.Height}, the area shows {shown.Y}–{shown.Y + shown.Height}");
    }

    /// <summary>Presses Tab until <paramref name="target"/> (or something inside it) has the focus, as a keyboard user does.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxTabs = 120)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e.contains(document.activeElement)"))
            {
                return;
            }
        }
        Assert.Fail($"{maxTabs} presses of Tab never reached {target}");
    }

    /// <summary>A new session with one guest, taken to <paramref name="status"/> (draft, scheduled or live).</summary>
    private async Task<int> SessionAsync(string status)
    {
        using var admin = Site.Client(await Site.TokenAsync());
        var columns = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/columns")).RootElement.GetProperty("items");
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = columns[0].GetProperty("id").GetInt32(),
            title = "夜间门诊答网友问",
            scheduledStart = start,
            scheduledEnd = start.AddHours(1),
            guests = new[] { new { name = "王主任", title = "主任", organization = "市卫健委" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        foreach (var to in status switch { "live" => ["scheduled", "live"], "scheduled" => ["scheduled"], _ => Array.Empty<string>() })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);
        }
        return id;
    }

    private async Task<string> AskAsync(int interviewId, string text) => await AccessibilityWalkFixture.AskAsync(Site, interviewId, text);

    private async Task<int> ApprovedQuestionAsync(int interviewId, string text)
    {
        await AskAsync(interviewId, text);
        using var admin = Site.Client(await Site.TokenAsync());
        var pending = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{interviewId}/questions?status=pending"))
            .RootElement.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("text").GetString() == text);
        var id = pending.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/questions/{id}/approve", new { })).StatusCode);
        return id;
    }

    private async Task<InterviewSession> SessionRowAsync(int id)
    {
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Interviews.AsNoTracking().SingleAsync(i => i.Id == id);
    }
}
