using Bunit;
using Interview.Domain.Columns;
using Interview.Web.Components.Admin.Columns;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin;

/// <summary>提问须验证手机号 on the column form: off by default, saved by the admin, and audited as a line of its own.</summary>
public class ColumnPhoneVerificationTests : AdminTestContext
{
    [Fact]
    public async Task TheAdminTurnsPhoneVerificationOnForAColumnAndTheChangeIsAudited()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Columns.Add(Column.Create("卫健在线", "weijian"));
            await db.SaveChangesAsync();
        }
        var cut = Render<ColumnsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".columns-table tbody tr")));

        cut.Find(".columns-table tbody tr button").Click();
        var toggle = cut.Find(".column-form input[type=checkbox]");
        Assert.False(toggle.HasAttribute("checked"));
        Assert.Contains("提问须验证手机号", cut.Find(".column-form").TextContent, StringComparison.Ordinal);
        toggle.Change(true);
        cut.Find("form.column-form").Submit();

        await using var check = Database.CreateDbContext();
        await cut.WaitForAssertionAsync(async () => Assert.True((await check.Columns.SingleAsync()).RequiresPhoneVerification));
        var line = await check.AuditLog.SingleAsync(a => a.Action == "column.phone-verification");
        Assert.Equal(("on", AdminEmail), (line.Details, line.Actor));
    }
}
