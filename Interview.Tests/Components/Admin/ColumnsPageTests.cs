using Bunit;
using Interview.Domain.Columns;
using Interview.Web.Components.Admin.Columns;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin;

public class ColumnsPageTests : AdminTestContext
{
    [Fact]
    public async Task TheColumnsPageListsColumnsAndCreatingOneShowsItInTheTableAndWritesOneAuditEntry()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Columns.Add(Column.Create("卫健在线", "weijian", "卫生健康政策解读"));
            await db.SaveChangesAsync();
        }

        var cut = Render<ColumnsPage>();
        cut.WaitForAssertion(() => Assert.Contains("卫健在线", cut.Find(".columns-table tbody").TextContent, StringComparison.Ordinal));

        var fields = cut.FindAll(".column-form input, .column-form textarea");
        fields[0].Change("政务公开");
        fields[1].Change("zhengwu-gongkai");
        cut.Find("form.column-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll(".columns-table tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("政务公开", rows[1].TextContent, StringComparison.Ordinal);
            Assert.Contains("zhengwu-gongkai", rows[1].TextContent, StringComparison.Ordinal);
        });
        await using (var db = Database.CreateDbContext())
        {
            var entry = Assert.Single(await db.AuditLog.ToListAsync());
            Assert.Equal("column.create", entry.Action);
            Assert.Equal(AdminEmail, entry.Actor);
        }
    }

    [Fact]
    public async Task ATakenSlugIsRefusedWithTheReasonAndNoNewColumn()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Columns.Add(Column.Create("卫健在线", "weijian"));
            await db.SaveChangesAsync();
        }
        var cut = Render<ColumnsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".columns-table tbody tr")));

        var fields = cut.FindAll(".column-form input, .column-form textarea");
        fields[0].Change("另一个栏目");
        fields[1].Change("weijian");
        cut.Find("form.column-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("栏目标识「weijian」已被使用。", SnackbarMessages()));
        Assert.Single(cut.FindAll(".columns-table tbody tr"));
    }
}

/// <summary>A console form sent with a required field empty marks that field and sends nothing.</summary>
public class ColumnFormErrorTests : AdminTestContext
{
    [Fact]
    public async Task AnEmptyNameIsMarkedOnItsFieldWithItsMessageAndNothingIsCreated()
    {
        var cut = Render<ColumnsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".column-form input")));

        cut.FindAll(".column-form input")[1].Change("zhengwu-gongkai");
        cut.Find("form.column-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var name = cut.FindAll(".column-form input")[0];
            Assert.Equal("true", name.GetAttribute("aria-invalid"));
            var described = name.GetAttribute("aria-describedby") ?? "";
            Assert.Contains("请填写栏目名称。", string.Concat(described.Split(' ').Select(id => cut.Find($"[id='{id}']").TextContent)), StringComparison.Ordinal);
            Assert.NotEqual("true", cut.FindAll(".column-form input")[1].GetAttribute("aria-invalid"));
        });
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Columns.ToListAsync());
    }
}
