using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>The consoles in 长辈模式 (the high-contrast staff theme), and every page at 200% zoom.</summary>
public sealed partial class AccessibilityWalkTests
{
    /// <summary>
    /// 200% zoom of a 1280×720 window: the page lays out in 640×360 CSS px (WCAG 1.4.4 and 1.4.10 together); a window
    /// that size is the same layout without relying on the browser's zoom control, which headless Chromium lacks.
    /// </summary>
    private static readonly ViewportSize Zoomed200 = new() { Width = 1280 / 2, Height = 720 / 2 };

    /// <summary>Every console and admin page with work in it, and the element that shows it has rendered.</summary>
    private static (string Path, string Ready)[] StaffConsoles(int live) =>
    [
        ("/admin", "main ul.console-links"),
        ("/admin/sessions", "main table tbody tr"),
        ($"/admin/sessions/{live}", "main h1.session-title"),
        ($"/admin/sessions/{live}/host", ".question-board .question-state"),
        ($"/admin/sessions/{live}/type", "textarea.answer-text"),
        ($"/admin/sessions/{live}/review", "#sent-back-heading"),
        ($"/admin/sessions/{live}/moderate", ".moderation-item"),
        ("/admin/moderation", "main table tbody tr"),
        ("/admin/columns", "main table tbody tr"),
        ("/admin/staff", "main table tbody tr"),
        ("/admin/wordlists", "main table tbody tr"),
        ("/admin/followups", "main .followup-counts"),
        ("/admin/audit", "main table tbody tr"),
        ("/admin/statistics", "main .statistics-columns tbody tr"),
        ("/admin/settings", "form.settings-form button[type=submit]"),
        ("/account/password", "form button[type=submit]"),
    ];

    /// <summary>
    /// Switched from the console's own top bar, the consoles take the high-contrast theme: axe with AAA contrast
    /// (<c>color-contrast-enhanced</c>, 7:1) finds nothing, every control shows its (larger) focus ring, and the larger
    /// text still fits 320 px.
    /// </summary>
    [Fact]
    public async Task EveryStaffPageInElderModePassesAxeWithEnhancedContrastShowsItsFocusAndFits320Pixels()
    {
        var live = await browser.LiveSessionWithWorkAsync();
        var walk = new AxeWalk { Enhanced = true };
        var focus = new List<string>();
        var reflow = new List<string>();
        var page = await browser.SignedInAsync(StaffSite.AdminEmail);
        await page.GotoAsync("/admin/columns");
        await page.GetByRole(AriaRole.Link, new() { Name = "长辈模式" }).ClickAsync();
        await page.ArrivedAtAsync("/admin/columns$");
        await Assertions.Expect(page.Locator("html.elder")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "标准模式" })).ToBeVisibleAsync();

        var consoles = StaffConsoles(live);
        foreach (var (path, ready) in consoles)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await walk.CheckAsync(page, "elder " + path);
            await FocusRings.CheckAsync(page, "elder " + path, focus);
        }
        await page.GotoAsync("/admin/staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑角色：a11y-moderator@example.gov.cn" }).ClickAsync();
        await Ready(page, ".mud-dialog");
        await walk.CheckAsync(page, "elder /admin/staff (roles dialog)");

        await page.SetViewportSizeAsync(Reflow.NarrowWidth, 740);
        foreach (var (path, ready) in consoles)
        {
            await page.GotoAsync(path);
            await Ready(page, ready);
            await Reflow.CheckAsync(page, "elder " + path, reflow);
        }

        Report(walk, focus, reflow);
        walk.AssertNone();
        Assert.True(focus.Count == 0, $"{focus.Count} control(s) without a focus ring of 3:1:\n" + string.Join("\n", focus));
        Assert.True(reflow.Count == 0, $"{reflow.Count} page(s) scroll sideways at {Reflow.NarrowWidth} px:\n" + string.Join("\n", reflow));
    }

    [Fact]
    public async Task EveryPageAt200PercentZoomScrollsOnlyUpAndDown()
    {
        var live = await browser.LiveSessionWithWorkAsync();
        var archive = await Site.DemoInterviewIdAsync("published");
        var preview = await Site.DemoInterviewIdAsync("scheduled");
        using var client = Site.CreateClient();
        var slug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/columns")).RootElement
            .GetProperty("items")[0].GetProperty("slug").GetString();
        var reflow = new List<string>();
        (string Path, string Ready)[] publicPages =
        [
            ("/", "main h2"),
            ($"/columns/{slug}", "main h1"),
            ($"/interviews/{live}", "main h1"),
            ($"/interviews/{live}?mode=text", "main h1"),
            ($"/interviews/{archive}", "ol.entries > li.entry"),
            ($"/interviews/{preview}", "main h1"),
            ($"/interviews/{preview}/ask", "form"),
            ("/search?q=%E6%B5%81%E6%84%9F", "main h1"),
            ("/account/sign-in", "form button[type=submit]"),
        ];
        var reader = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = Zoomed200 });
        foreach (var (path, ready) in publicPages)
        {
            await reader.GotoAsync(path);
            await Ready(reader, ready);
            await Reflow.CheckAsync(reader, "200% " + path, reflow);
        }

        var staff = await browser.SignedInAsync(StaffSite.AdminEmail);
        await staff.SetViewportSizeAsync(Zoomed200.Width, Zoomed200.Height);
        foreach (var (path, ready) in StaffConsoles(live))
        {
            await staff.GotoAsync(path);
            await Ready(staff, ready);
            await Reflow.CheckAsync(staff, "200% " + path, reflow);
        }

        foreach (var line in reflow)
        {
            output.WriteLine(line);
        }
        output.WriteLine($"200% zoom: {publicPages.Length} public page(s) and {StaffConsoles(live).Length} console(s) at {Zoomed200.Width}×{Zoomed200.Height} CSS px");
        Assert.True(reflow.Count == 0, $"{reflow.Count} page(s) scroll sideways at 200% zoom:\n" + string.Join("\n", reflow));
    }
}
