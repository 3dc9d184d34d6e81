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
public sealed partial class AccessibilityWalkTests(AccessibilityWalkFixture browser, ITestOutputHelper output) : IClassFixture<AccessibilityWalkFixture>
{
    private StaffSite Site => browser.Staff;

    /// <summary>
    /// Each console with work in it passes axe, shows a focus ring of 3:1 on every control the keyboard reaches, and
    /// fits a 320 px screen without sideways scrolling (measured on a second tab of the same session, opened narrow so
    /// that MudBlazor's breakpoints start there).
    /// </summary>
    [Fact]
    public async Task EveryStaffPageWithWorkInItPassesAxeShowsItsFocusAndFits320Pixels()
    {
        var live = await browser.LiveSessionWithWorkAsync();
        var walk = new AxeWalk();
        var focus = new List<string>();
        var reflow = new List<string>();

        var signIn = await browser.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await Ready(signIn, "form button[type=submit]");
        await walk.CheckAsync(signIn, "/account/sign-in");
        await FocusRings.CheckAsync(signIn, "/account/sign-in", focus);
        await signIn.SetViewportSizeAsync(Reflow.NarrowWidth, 740);
        await Reflow.CheckAsync(signIn, "/account/sign-in", reflow);
        await signIn.Context.CloseAsync();

        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        var consoles = StaffConsoles(live);
        foreach (var (path, ready) in consoles)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await walk.CheckAsync(page, path);
            await FocusRings.CheckAsync(page, path, focus);
        }

        // What opens on demand: a dialog (MudBlazor's), the full key list and the reject panel.
        await page.GotoAsync("/admin/staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑角色：a11y-moderator@example.gov.cn" }).ClickAsync();
        await Ready(page, ".mud-dialog");
        await walk.CheckAsync(page, "/admin/staff (roles dialog)");
        await page.GotoAsync($"/admin/sessions/{live}/moderate");
        await page.Locator(".key-help-toggle").ClickAsync();
        await page.Locator(".moderation-item[aria-selected=true] .reject").ClickAsync();
        await Ready(page, "#key-help-full");
        await Ready(page, ".reject-panel");
        await walk.CheckAsync(page, $"/admin/sessions/{live}/moderate (key help, reject panel)");

        // The moderation queue in its other states: approved and rejected questions look different.
        foreach (var status in new[] { "Approved", "Rejected" })
        {
            await page.Locator($".status-filter [data-status={status}]").ClickAsync();
            await Ready(page, $".status-filter [data-status={status}][aria-pressed=true]");
            await Ready(page, ".moderation-item");
            await walk.CheckAsync(page, $"/admin/sessions/{live}/moderate ({status})");
        }

        var narrow = await page.Context.NewPageAsync();
        narrow.SetDefaultTimeout(BrowserFixture.WaitMilliseconds);
        narrow.SetDefaultNavigationTimeout(BrowserFixture.WaitMilliseconds);
        await narrow.SetViewportSizeAsync(Reflow.NarrowWidth, 740);
        foreach (var (path, ready) in consoles)
        {
            await narrow.GotoAsync(path);
            await Ready(narrow, ready);
            await Reflow.CheckAsync(narrow, path, reflow);
        }

        Report(walk, focus, reflow);
        walk.AssertNone();
        Assert.True(focus.Count == 0, $"{focus.Count} control(s) without a focus ring of 3:1:\n" + string.Join("\n", focus));
        Assert.True(reflow.Count == 0, $"{reflow.Count} page(s) scroll sideways at {Reflow.NarrowWidth} px:\n" + string.Join("\n", reflow));
    }

    [Fact]
    public async Task EveryPublicPageHasNoAxeViolation()
    {
        var live = await Site.DemoInterviewIdAsync("live");
        var archive = await Site.DemoInterviewIdAsync("published");
        var preview = await Site.DemoInterviewIdAsync("scheduled");
        var receipt = await AskAsync(live, "社区卫生服务中心周末开门吗？");
        using var client = Site.CreateClient();
        using var reported = await client.PostAsJsonAsync($"/api/v1/interviews/{archive}/reports", new { seq = 1, reason = "untrue", details = "时间写错了" });
        var report = JsonDocument.Parse(await reported.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
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
            ($"/interviews/{archive}/report?seq=1", "form"),
            ($"/reports/{report}?new=true", ".report-status"),
            ("/receipts", "#receipt-code"),
            ("/rules", "main h1"),
            ("/receipts?code=NOSUCHCODE22", "#receipt-code-error"),
            (await ScreenLinkAsync(live), "main.screen"),
            (await ScreenLinkAsync(archive) + "?overlay=1", "main.screen"),
        ];
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await walk.CheckAsync(page, path);
        }

        // The same pages in 适老化 (elder) mode, switched as a reader does, held to AAA contrast as well.
        var elder = new AxeWalk { Enhanced = true };
        await page.GotoAsync("/accessibility?mode=elder&returnUrl=/");
        await Assertions.Expect(page.Locator("html.elder")).ToHaveCountAsync(1);
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await elder.CheckAsync(page, "elder " + path);
        }

        Report(walk, [], []);
        Report(elder, [], []);
        walk.AssertNone();
        elder.AssertNone();
    }

    /// <summary>
    /// With every footer item and the participation rules set, the footer (contrast, link names) and the rules and tick
    /// beside the form pass axe, in both display modes. The settings are cleared again for the class's other tests.
    /// </summary>
    [Fact]
    public async Task ThePortalFooterAndTheRulesBesideTheFormHaveNoAxeViolation()
    {
        var live = await Site.DemoInterviewIdAsync("live");
        var services = Site.Services;
        var settings = (Interview.Web.Portal.PortalSettings)services.GetService(typeof(Interview.Web.Portal.PortalSettings))!;
        var contexts = (Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>)services
            .GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>))!;
        string adminId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            adminId = db.Users.Single(u => u.Email == StaffSite.AdminEmail).Id;
        }
        var admin = new Interview.Web.Staff.StaffActor(adminId, StaffSite.AdminEmail, "127.0.0.1");
        var values = new Dictionary<string, string?>
        {
            ["Organizer"] = "某市人民政府办公室",
            ["Operator"] = "某市大数据中心",
            ["IcpRecord"] = "京ICP备12345678号-1",
            ["PoliceRecord"] = "京公网安备 11010502030143号",
            ["SiteCode"] = "1100000001",
            ["ErrorReportUrl"] = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=1100000001",
            ["Contact"] = "电话：010-12345678　邮箱：ft@example.gov.cn",
            ["Rules"] = "1. 遵守法律法规。\n2. 文明理性发言，不发布广告。",
        };
        await settings.SaveAsync(admin, values);
        try
        {
            var page = await browser.NewPageAsync();
            var walk = new AxeWalk();
            var elder = new AxeWalk { Enhanced = true };
            foreach (var (path, ready) in new[] { ("/", "footer .portal-records"), ($"/interviews/{live}", "details.rules") })
            {
                await page.GotoAsync(path);
                await Ready(page, ready);
                await walk.CheckAsync(page, path);
            }
            await page.GotoAsync("/accessibility?mode=elder&returnUrl=/");
            await Assertions.Expect(page.Locator("html.elder")).ToHaveCountAsync(1);
            await page.GotoAsync($"/interviews/{live}");
            await Ready(page, "details.rules");
            await elder.CheckAsync(page, "elder session page with rules and footer");
            Report(walk, [], []);
            Report(elder, [], []);
            walk.AssertNone();
            elder.AssertNone();
        }
        finally
        {
            await settings.SaveAsync(admin, values.ToDictionary(v => v.Key, v => (string?)null));
        }
    }

    /// <summary>The public pages in English, switched by the header's language link as a reader does, in both display modes.</summary>
    [Fact]
    public async Task EveryPublicPageInEnglishHasNoAxeViolation()
    {
        var live = await Site.DemoInterviewIdAsync("live");
        var archive = await Site.DemoInterviewIdAsync("published");
        var preview = await Site.DemoInterviewIdAsync("scheduled");
        var receipt = await AskAsync(live, "Is the clinic open at weekends?");
        (string Path, string Ready)[] pages =
        [
            ("/", "main h2"),
            ($"/interviews/{live}", "main h1"),
            ($"/interviews/{live}?mode=text", "main h1"),
            ($"/interviews/{archive}", "ol.entries > li.entry"),
            ($"/interviews/{preview}", "main h1"),
            ($"/interviews/{preview}/ask", "form"),
            ("/search?q=%E6%B5%81%E6%84%9F", "main h1"),
            ($"/receipts/{receipt}", ".receipt-status"),
            ("/receipts?code=NOSUCHCODE22", "#receipt-code-error"),
            (await ScreenLinkAsync(live), "main.screen"),
            ("/no-such-page", "main h1"),
        ];
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("a.language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("html[lang=en]")).ToHaveCountAsync(1);

        await WalkInEnglishInBothModesAsync(page, pages);
    }

    /// <summary>
    /// The consoles in English, switched by the culture link as staff would (the sign-in page's and the public header's
    /// switch set the same cookie): axe finds nothing, in standard and in 长辈模式.
    /// </summary>
    [Fact]
    public async Task EveryStaffPageInEnglishPassesAxeInBothDisplayModes()
    {
        var live = await browser.LiveSessionWithWorkAsync();
        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        await page.GotoAsync("/culture?culture=en&returnUrl=/admin");
        await Assertions.Expect(page.Locator("html[lang=en]")).ToHaveCountAsync(1);
        await WalkInEnglishInBothModesAsync(page, StaffConsoles(live));
    }

    /// <summary>
    /// Walks <paramref name="pages"/> on a page already switched to English, then again in 长辈模式 (switched as a reader
    /// does, held to AAA contrast): each page stays English, and axe finds nothing in either mode.
    /// </summary>
    private async Task WalkInEnglishInBothModesAsync(IPage page, (string Path, string Ready)[] pages)
    {
        var english = new AxeWalk();
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await Assertions.Expect(page.Locator("html[lang=en]")).ToHaveCountAsync(1);
            await english.CheckAsync(page, "en " + path);
        }
        var elder = new AxeWalk { Enhanced = true };
        await page.GotoAsync("/accessibility?mode=elder&returnUrl=/");
        await Assertions.Expect(page.Locator("html.elder[lang=en]")).ToHaveCountAsync(1);
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await elder.CheckAsync(page, "en elder " + path);
        }

        Report(english, [], []);
        Report(elder, [], []);
        english.AssertNone();
        elder.AssertNone();
    }

    /// <summary>A studio screen link of the session, made by the admin through the API.</summary>
    private async Task<string> ScreenLinkAsync(int interviewId)
    {
        using var admin = Site.Client(await Site.TokenAsync());
        var response = await admin.PostAsync($"/api/v1/interviews/{interviewId}/screen-link", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
    }

    private static Task Ready(IPage page, string selector) => Assertions.Expect(page.Locator(selector).First).ToBeVisibleAsync();

    /// <summary>Prints the pages walked and every finding, so a run shows what was covered as well as what failed.</summary>
    private void Report(AxeWalk walk, List<string> focus, List<string> reflow)
    {
        output.WriteLine($"axe walk: {walk.Pages.Count} page(s): {string.Join(", ", walk.Pages)}");
        foreach (var line in walk.Violations.Concat(focus).Concat(reflow))
        {
            output.WriteLine(line);
        }
    }

    private Task<string> AskAsync(int interviewId, string text) => AccessibilityWalkFixture.AskAsync(Site, interviewId, text);
}
