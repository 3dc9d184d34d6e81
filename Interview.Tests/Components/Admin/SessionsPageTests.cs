using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Web.Components.Admin.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin;

public class SessionsPageTests : AdminTestContext
{
    [Fact]
    public async Task CreatingASessionWithAGuestStoresItInBeijingTimeAndOpensItsPage()
    {
        var cut = await NewSessionFormAsync("秋冬季流感防控在线访谈");
        cut.FindAll(".new-session-form fieldset input")[0].Change("李卫东");
        cut.Find("form.new-session-form").Submit();

        var navigation = Service<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/admin/sessions/\d+$", navigation.Uri));
        await using var check = Database.CreateDbContext();
        var session = await check.Interviews.Include(i => i.Guests).SingleAsync();
        Assert.Equal($"/admin/sessions/{session.Id}", new Uri(navigation.Uri).AbsolutePath);
        Assert.Equal(InterviewStatus.Draft, session.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), session.ScheduledStart);
        Assert.Equal("李卫东", Assert.Single(session.Guests).Name);
    }

    [Fact]
    public async Task AGuestWithoutANameIsMarkedOnThatGuestsFieldAndNothingIsCreated()
    {
        var cut = await NewSessionFormAsync("没有嘉宾姓名的访谈");
        cut.FindAll(".new-session-form fieldset input")[1].Change("主任");

        cut.Find("form.new-session-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var name = cut.FindAll(".new-session-form fieldset input")[0];
            Assert.Equal("true", name.GetAttribute("aria-invalid"));
            var described = (name.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(described, id => cut.Find($"[id='{id}']").TextContent.Contains("请填写嘉宾姓名。", StringComparison.Ordinal));
            Assert.Equal("没有嘉宾姓名的访谈", cut.Find(".new-session-form input[type=text]").GetAttribute("value"));
        });
        await using var check = Database.CreateDbContext();
        Assert.Empty(await check.Interviews.ToListAsync());
    }

    /// <summary>The sessions page with one column, its new-session form filled in but for the guests.</summary>
    private async Task<IRenderedComponent<SessionsPage>> NewSessionFormAsync(string title)
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Columns.Add(Column.Create("卫健在线", "weijian"));
            await db.SaveChangesAsync();
        }
        var cut = Render<SessionsPage>();
        cut.WaitForAssertion(() => Assert.Contains("还没有访谈。", cut.Markup, StringComparison.Ordinal));
        cut.Find(".new-session-form .mud-select .mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("卫健在线", StringComparison.Ordinal)).Click());
        cut.Find(".new-session-form input[type=text]").Change(title);
        var times = cut.FindAll(".new-session-form input[type=datetime-local]");
        times[0].Change("2026-12-01T10:00");
        times[1].Change("2026-12-01T11:30");
        return cut;
    }
}
