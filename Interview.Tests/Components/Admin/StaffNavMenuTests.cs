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

        Assert.Equal(["/admin", "/admin/columns", "/admin/sessions", "/admin/followups", "/admin/moderation", "/admin/staff", "/admin/wordlists", "/admin/audit"], Links(cut));
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

    private static List<string?> Links(IRenderedComponent<StaffNavMenu> cut) =>
        [.. cut.FindAll("a").Select(a => a.GetAttribute("href"))];
}
