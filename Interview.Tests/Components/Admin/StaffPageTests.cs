using Bunit;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin;

public class StaffPageTests : AdminTestContext
{
    [Fact]
    public async Task CreatingAnAccountListsItWithItsRoles()
    {
        var cut = Render<StaffPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".staff-table tbody tr")));

        var fields = cut.FindAll(".new-staff-form input:not([type=checkbox])");
        fields[0].Change("host@example.gov.cn");
        fields[1].Change("王主持");
        fields[2].Change("Studio-2026-Pass");
        var hostBox = cut.FindAll(".new-staff-form label").Single(l => l.TextContent.Trim() == "主持人").QuerySelector("input")!;
        hostBox.Change(true);
        cut.Find("form.new-staff-form").Submit();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("已创建账号 host@example.gov.cn。", SnackbarMessages());
            var row = cut.FindAll(".staff-table tbody tr").Single(r => r.TextContent.Contains("host@example.gov.cn", StringComparison.Ordinal));
            Assert.Contains("王主持", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("主持人", row.TextContent, StringComparison.Ordinal);
        });
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "staff.create"));
    }

    [Fact]
    public async Task DisablingAnAccountShowsItAsDisabled()
    {
        await AddStaffAsync("staff-typist", "typist@example.gov.cn", StaffRole.Typist);
        var cut = Render<StaffPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".staff-table tbody tr").Count));

        cut.FindAll(".staff-table button").Single(b => b.GetAttribute("aria-label") == "停用：typist@example.gov.cn").Click();

        cut.WaitForAssertion(() =>
        {
            var row = cut.FindAll(".staff-table tbody tr").Single(r => r.TextContent.Contains("typist@example.gov.cn", StringComparison.Ordinal));
            Assert.Contains("已停用", row.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AnAdminForcesAPasswordResetFromTheList()
    {
        await AddStaffAsync("staff-host", "host@example.gov.cn", StaffRole.Host);
        var cut = Render<StaffPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".staff-table tbody tr").Count));

        cut.FindAll(".staff-table button").Single(b => b.GetAttribute("aria-label") == "重置密码：host@example.gov.cn").Click();
        var confirm = DialogHost.WaitForElement(".mud-dialog-actions button.mud-button-filled");
        Assert.Equal("重置密码", confirm.TextContent.Trim());
        confirm.Click();

        cut.WaitForAssertion(() => Assert.Contains("已要求重设密码，该账号的登录已全部失效。", SnackbarMessages()));
        await using var db = Database.CreateDbContext();
        Assert.True(await db.UserClaims.AnyAsync(c => c.UserId == "staff-host" && c.ClaimType == Interview.Web.Staff.StaffPolicies.MustChangePasswordClaim));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "staff.password.reset" && a.Target == "staff/staff-host"));
    }
}
