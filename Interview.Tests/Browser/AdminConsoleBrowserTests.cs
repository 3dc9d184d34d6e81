using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>The site with a bootstrapped admin and two-factor required, as a portal would run it.</summary>
public sealed class StaffBrowserFixture() : BrowserFixture(new StaffSite(requireTwoFactor: true));

/// <summary>An admin's first day, in a real browser: sign in, enrol two-factor, create a column and a session, schedule it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdminConsoleBrowserTests(StaffBrowserFixture browser) : IClassFixture<StaffBrowserFixture>
{
    [Fact]
    public async Task AnAdminSignsInCreatesAColumnAndASessionSchedulesItAndFindsItOnThePublicSite()
    {
        var page = await browser.NewPageAsync();

        // Sign in: the console sends strangers to the sign-in page first.
        await page.GotoAsync("/admin");
        await page.ArrivedAtAsync("/account/sign-in");
        await page.GetByLabel("电子邮箱").FillAsync(StaffSite.AdminEmail);
        await page.GetByLabel("密码").FillAsync(StaffSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // Two-factor is required: enrol with the key the page shows, as an authenticator app would.
        await page.ArrivedAtAsync("/account/two-factor/enrol");
        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        await page.GetByLabel("6 位验证码").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "开启两步验证" }).ClickAsync();
        await Assertions.Expect(page.Locator("ul.codes li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "进入工作台" }).ClickAsync();
        await page.ArrivedAtAsync("/admin$");

        // A column.
        await page.GotoAsync("/admin/columns");
        await page.GetByLabel("栏目名称").FillAsync("营商环境");
        await page.GetByLabel("栏目标识").FillAsync("yingshang");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建栏目" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "yingshang" })).ToBeVisibleAsync();

        // A session in it, with a guest.
        await page.GotoAsync("/admin/sessions");
        await page.GetByLabel("栏目").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "营商环境" }).ClickAsync();
        await page.GetByLabel("访谈标题").FillAsync("优化营商环境 服务市场主体");
        await page.GetByLabel("开始时间（北京时间）").FillAsync("2027-05-20T10:00");
        await page.GetByLabel("结束时间（北京时间）").FillAsync("2027-05-20T11:00");
        await page.GetByLabel("嘉宾姓名").FillAsync("周明");
        await page.GetByLabel("职务").FillAsync("局长");
        await page.GetByLabel("单位", new() { Exact = true }).FillAsync("市营商环境建设局");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建访谈" }).ClickAsync();
        await page.ArrivedAtAsync("/admin/sessions/\\d+$");
        var id = int.Parse(SessionId().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Only the legal moves are offered; schedule it.
        var lifecycle = page.Locator(".lifecycle button");
        await Assertions.Expect(lifecycle.First).ToBeVisibleAsync();
        Assert.Equal(["发布预告", "取消访谈"], await lifecycle.AllInnerTextsAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "发布预告" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "开始直播" })).ToBeVisibleAsync();

        // The public finds it.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/columns/yingshang");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "优化营商环境 服务市场主体" }).ClickAsync();
        await visitor.ArrivedAtAsync($"/interviews/{id}$");
        Assert.Equal("优化营商环境 服务市场主体", await visitor.Locator("h1").InnerTextAsync());
        await Assertions.Expect(visitor.GetByText("周明").First).ToBeVisibleAsync();
    }

    [GeneratedRegex("/admin/sessions/(\\d+)$")]
    private static partial Regex SessionId();
}
