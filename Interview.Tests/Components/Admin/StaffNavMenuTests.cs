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

        Assert.Equal(["/admin", "/admin/columns", "/admin/sessions", "/admin/moderation", "/admin/staff", "/admin/audit"], Links(cut));
    }

    [Fact]
    public void AHostSeesOnlyTheHomeAndTheSessions()
    {
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<StaffNavMenu>();

        Assert.Equal(["/admin", "/admin/sessions"], Links(cut));
    }

    private static List<string?> Links(IRenderedComponent<StaffNavMenu> cut) =>
        [.. cut.FindAll("a").Select(a => a.GetAttribute("href"))];
}
