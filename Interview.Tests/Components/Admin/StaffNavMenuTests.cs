using Bunit;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin;

namespace Interview.Tests.Components.Admin;

public class StaffNavMenuTests : AdminTestContext
{
    [Fact]
    public void AnAdminSeesEveryConsolePage()
    {
        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin", "/admin/columns", "/admin/sessions", "/admin/followups", "/admin/moderation", "/admin/staff", "/admin/wordlists", "/admin/reports", "/admin/audit", "/admin/statistics", "/admin/settings"], Links(cut));
    }

    [Fact]
    public void AHostSeesOnlyTheHomeTheSessionsAndTheFollowUps()
    {
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin", "/admin/sessions", "/admin/followups"], Links(cut));
    }

    [Fact]
    public void ATypistSeesTheFollowUpsButNotTheSessions()
    {
        SignInAs("staff-typist", "typist@example.gov.cn", StaffRole.Typist);

        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin", "/admin/followups"], Links(cut));
    }

    [Fact]
    public void AModeratorSeesOnlyTheHomeAndTheModeration()
    {
        SignInAs("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);

        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin", "/admin/moderation"], Links(cut));
    }

    [Fact]
    public void AReviewerSeesOnlyTheHome()
    {
        SignInAs("staff-reviewer", "reviewer@example.gov.cn", StaffRole.Reviewer);

        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin"], Links(cut));
    }

    // The menu and the home page read one table: each role sees exactly the pages whose capability the table gives it.
    [Theory]
    [InlineData(StaffRole.Admin)]
    [InlineData(StaffRole.Moderator)]
    [InlineData(StaffRole.Host)]
    [InlineData(StaffRole.Typist)]
    [InlineData(StaffRole.Reviewer)]
    public void EachRoleSeesThePagesTheTableGivesIt(StaffRole role)
    {
        SignInAs("staff-" + role.Name(), role.Name() + "@example.gov.cn", role);

        var cut = Render<StaffNavMenu>();

        string[] expected = ["/admin", .. ConsolePages.All.Where(p => p.Capability.RolesFor().Contains(role)).Select(p => p.Href)];
        Assert.Equal(expected, Links(cut));
    }

    private static List<string?> Links(IRenderedComponent<StaffNavMenu> cut) =>
        [.. cut.FindAll("a").Select(a => a.GetAttribute("href"))];
}
