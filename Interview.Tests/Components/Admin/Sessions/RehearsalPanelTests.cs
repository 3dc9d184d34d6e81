using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Sessions;

/// <summary>The session page's 彩排 button, the rehearsal's notice with its private link, and 删除彩排 that asks first.</summary>
public class RehearsalPanelTests : AdminTestContext
{
    [Fact]
    public async Task TheRehearseButtonMakesARehearsalWhosePageShowsItsPrivateLinkAndDeletingAsksFirst()
    {
        var id = await ScheduledSessionAsync();
        var page = Render<SessionPage>(p => p.Add(s => s.Id, id));
        page.WaitForAssertion(() => Assert.Equal("彩排", page.Find("button.rehearse").TextContent.Trim()));

        page.Find("button.rehearse").Click();

        var navigation = Service<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/admin/sessions/[0-9]+$", navigation.Uri));
        var rid = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(id, await db.Interviews.Where(i => i.Id == rid).Select(i => i.RehearsalOf).SingleAsync());
        }
        var rehearsal = Render<SessionPage>(p => p.Add(s => s.Id, rid));
        rehearsal.WaitForAssertion(() => Assert.Contains("?rehearsal=", rehearsal.Find(".rehearsal-link").GetAttribute("href"), StringComparison.Ordinal));
        Assert.Empty(rehearsal.FindAll("button.rehearse"));

        rehearsal.Find("button.rehearsal-delete").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("只保留审计日志", DialogHost.Markup, StringComparison.Ordinal));
        DialogHost.FindAll("button").Single(b => b.TextContent.Trim() == "返回").Click();
        DialogHost.WaitForAssertion(() => Assert.Empty(DialogHost.FindAll(".mud-dialog")));
        Assert.True(await ExistsAsync(rid));

        rehearsal.Find("button.rehearsal-delete").Click();
        DialogHost.WaitForAssertion(() => Assert.Contains("只保留审计日志", DialogHost.Markup, StringComparison.Ordinal));
        DialogHost.FindAll("button").Single(b => b.TextContent.Trim() == "删除彩排").Click();

        rehearsal.WaitForAssertion(() => Assert.EndsWith("/admin/sessions", navigation.Uri, StringComparison.Ordinal));
        Assert.False(await ExistsAsync(rid));
        Assert.True(await ExistsAsync(id));
    }

    private async Task<bool> ExistsAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Interviews.AnyAsync(i => i.Id == id);
    }

    private async Task<int> ScheduledSessionAsync()
    {
        int columnId;
        await using (var db = Database.CreateDbContext())
        {
            var column = Column.Create("卫健在线", "weijian");
            db.Columns.Add(column);
            await db.SaveChangesAsync();
            columnId = column.Id;
        }
        var start = DateTimeOffset.UtcNow.AddDays(7);
        var session = await Service<InterviewAdmin>().CreateAsync(Admin, new NewInterview(
            columnId, "秋冬季流感防控在线访谈", "背景材料", start, start.AddHours(1),
            [new GuestEdit("李卫东", "主任", "市疾病预防控制中心", null)]));
        await Service<InterviewAdmin>().TransitionAsync(Admin, session.Id, InterviewStatus.Scheduled);
        return session.Id;
    }
}
