using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Tests.Browser;

/// <summary>
/// axe-core over every staff console and admin page with work in it, and over the public pages (zh-CN, standard mode):
/// no violation of any impact (WCAG 2.1 A/AA and best practice; GB/T 37668 asks the same of government sites).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityWalkTests(ConsoleBrowserFixture browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowserFixture>
{
    private StaffSite Site => browser.Staff;

    [Fact]
    public async Task EveryStaffConsoleWithWorkInItHasNoAxeViolation()
    {
        var live = await Site.DemoInterviewIdAsync("live");
        await GiveTheLiveSessionWorkAsync(live);
        var walk = new AxeWalk();

        var signIn = await browser.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await Ready(signIn, "form button[type=submit]");
        await walk.CheckAsync(signIn, "sign-in");
        await signIn.Context.CloseAsync();

        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        (string Path, string Ready)[] consoles =
        [
            ("/admin", "main [aria-label=可以使用的页面]"),
            ("/admin/sessions", "main table tbody tr"),
            ($"/admin/sessions/{live}", "main h1.session-title"),
            ($"/admin/sessions/{live}/host", ".question-board .question-state"),
            ($"/admin/sessions/{live}/type", "textarea.answer-text"),
            ($"/admin/sessions/{live}/review", "#sent-back-heading"),
            ($"/admin/sessions/{live}/moderate", "li.moderation-item"),
            ("/admin/moderation", "main table tbody tr"),
            ("/admin/columns", "main table tbody tr"),
            ("/admin/staff", "main table tbody tr"),
            ("/admin/wordlists", "main table tbody tr"),
            ("/admin/followups", "main .followup-counts"),
            ("/admin/audit", "main table tbody tr"),
        ];
        foreach (var (path, ready) in consoles)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await walk.CheckAsync(page, path);
        }

        // The moderation queue in its other states: approved and rejected questions look different.
        await page.GotoAsync($"/admin/sessions/{live}/moderate");
        foreach (var status in new[] { "Approved", "Rejected" })
        {
            await page.Locator($".status-filter [data-status={status}]").ClickAsync();
            await Ready(page, $".status-filter [data-status={status}][aria-pressed=true]");
            await Ready(page, "li.moderation-item");
            await walk.CheckAsync(page, $"/admin/sessions/{live}/moderate ({status})");
        }

        await page.GotoAsync("/account/password");
        await Ready(page, "form button[type=submit]");
        await walk.CheckAsync(page, "/account/password");

        Report(walk);
        walk.AssertNone();
    }

    [Fact]
    public async Task EveryPublicPageHasNoAxeViolation()
    {
        var live = await Site.DemoInterviewIdAsync("live");
        var archive = await Site.DemoInterviewIdAsync("published");
        var preview = await Site.DemoInterviewIdAsync("scheduled");
        var receipt = await AskAsync(live, "社区卫生服务中心周末开门吗？");
        using var client = Site.CreateClient();
        var slug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/columns")).RootElement
            .GetProperty("items")[0].GetProperty("slug").GetString();
        var walk = new AxeWalk();

        var page = await browser.NewPageAsync();
        (string Path, string Ready)[] pages =
        [
            ("/", "main h2"),
            ($"/columns/{slug}", "main h1"),
            ($"/interviews/{live}", "main h1"),
            ($"/interviews/{archive}", "ol.entries > li.entry"),
            ($"/interviews/{preview}", "main h1"),
            ($"/interviews/{preview}/ask", "form"),
            ("/search?q=%E6%B5%81%E6%84%9F", "main h1"),
            ($"/receipts/{receipt}", ".receipt-status"),
        ];
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await walk.CheckAsync(page, path);
        }

        Report(walk);
        walk.AssertNone();
    }

    private static Task Ready(IPage page, string selector) => Assertions.Expect(page.Locator(selector).First).ToBeVisibleAsync();

    /// <summary>Prints the pages walked and the count by impact, so a passing run still shows what was covered.</summary>
    private void Report(AxeWalk walk)
    {
        output.WriteLine($"axe walk: {walk.Pages.Count} page(s): {string.Join(", ", walk.Pages)}");
        foreach (var line in walk.Violations)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// The demo's live session with work on every console: two-key review on, a draft waiting and one sent back,
    /// questions pending, approved (not yet put) and rejected, a word list and a second staff member.
    /// </summary>
    private async Task GiveTheLiveSessionWorkAsync(int live)
    {
        using var admin = Site.Client(await Site.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{live}/review", new { required = true })).StatusCode);
        var guestId = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{live}")).RootElement
            .GetProperty("guests")[0].GetProperty("id").GetInt32();
        var waiting = await DraftAsync(admin, live, guestId, "周末和晚上，社区卫生服务中心都安排了家庭医生值班。");
        var sentBack = await DraftAsync(admin, live, guestId, "线上咨询可以通过“健康城南”小程序进行。");
        Assert.NotEqual(waiting, sentBack);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/drafts/{sentBack}/send-back", new { comment = "请补充小程序的开通时间" })).StatusCode);

        await AskAsync(live, "签约以后可以换家庭医生吗？");
        await AskAsync(live, "我想问一下我邻居家的事情。");
        var pending = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{live}/questions?status=pending"))
            .RootElement.GetProperty("items").EnumerateArray().Select(q => (Id: q.GetProperty("id").GetInt32(), Text: q.GetProperty("text").GetString()!)).ToList();
        var approve = pending.Single(q => q.Text.Contains("换家庭医生", StringComparison.Ordinal)).Id;
        var reject = pending.Single(q => q.Text.Contains("邻居", StringComparison.Ordinal)).Id;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/questions/{approve}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/questions/{reject}/reject", new { reasonCategory = "offTopic", note = "与本期主题无关" })).StatusCode);

        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/wordlists", new { name = "无障碍走查词表", words = new[] { "走查词" } })).StatusCode);
        await Site.CreateStaffAsync("a11y-moderator@example.gov.cn", "moderator");
    }

    private static async Task<int> DraftAsync(HttpClient admin, int live, int guestId, string markdown)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{live}/entries", new { kind = "guest", markdown, guestId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var draft = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("pending", draft.GetProperty("status").GetString());
        return draft.GetProperty("id").GetInt32();
    }

    private async Task<string> AskAsync(int interviewId, string text)
    {
        using var client = Site.CreateClient();
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname = "走查网友", text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }
}
