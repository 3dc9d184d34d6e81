using Bunit;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin;

public class AdminHomeTests : AdminTestContext
{
    public AdminHomeTests()
    {
        Services.AddSingleton<LiveDesk>();
    }

    [Fact]
    public void AnAdminIsOfferedEveryConsolePage()
    {
        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Equal(
            ["/admin/columns", "/admin/sessions", "/admin/followups", "/admin/moderation", "/admin/staff", "/admin/wordlists", "/admin/reports", "/admin/audit", "/admin/statistics", "/admin/settings"],
            Offered(cut)));
    }

    [Fact]
    public void TheGreetingNamesThePersonByDisplayNameNotByEmail()
    {
        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Contains($"您好，{AdminName}。", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(AdminEmail, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostIsOfferedTheSessionsTheyRunAndTheFollowUps()
    {
        await AddStaffAsync("staff-host", "host@example.gov.cn", StaffRole.Host);
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Equal(["/admin/sessions", "/admin/followups"], Offered(cut)));
        Assert.Contains("您主持的访谈", cut.Find("[aria-label='可以使用的页面']").TextContent, StringComparison.Ordinal);
    }

    // The home page and the menu read one table, so they offer each role the same pages.
    [Theory]
    [InlineData(StaffRole.Moderator)]
    [InlineData(StaffRole.Typist)]
    [InlineData(StaffRole.Reviewer)]
    public async Task EachRoleIsOfferedWhatTheMenuShowsIt(StaffRole role)
    {
        await AddStaffAsync("staff-" + role.Name(), role.Name() + "@example.gov.cn", role);
        SignInAs("staff-" + role.Name(), role.Name() + "@example.gov.cn", role);
        var menu = Render<StaffNavMenu>();

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='您的角色']")));
        string[] menuPages = [.. menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").Where(h => h != "/admin")];
        Assert.Equal(menuPages, Offered(cut));
    }

    private static List<string> Offered(IRenderedComponent<AdminHome> cut) =>
        [.. cut.FindAll("[aria-label='可以使用的页面'] a").Select(a => a.GetAttribute("href") ?? "")];
}
