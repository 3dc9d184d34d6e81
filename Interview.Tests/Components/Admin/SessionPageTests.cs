using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Sessions;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Interview.Tests.Components.Admin;

public class SessionPageTests : AdminTestContext
{
    [Fact]
    public async Task TheSessionPageOffersOnlyTheLegalLifecycleButtonsForADraftAndPublishingThePreviewSchedulesIt()
    {
        var id = await DraftSessionAsync();

        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));
        cut.WaitForAssertion(() => Assert.Equal(["发布预告", "取消访谈"], LifecycleButtons(cut)));

        cut.FindAll(".lifecycle button").Single(b => b.TextContent.Trim() == "发布预告").Click();

        cut.WaitForAssertion(() => Assert.Equal(["开始直播", "取消访谈"], LifecycleButtons(cut)));
        Assert.Equal("预告", cut.Find(".status-chip").TextContent.Trim());
        await using var db = Database.CreateDbContext();
        Assert.Equal(InterviewStatus.Scheduled, (await db.Interviews.SingleAsync(i => i.Id == id)).Status);
    }

    [Fact]
    public async Task GoingLiveAsksFirstAndGoingBackChangesNothing()
    {
        var id = await DraftSessionAsync();
        await Service<InterviewAdmin>().TransitionAsync(Admin, id, InterviewStatus.Scheduled);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));
        cut.WaitForAssertion(() => Assert.Equal(["开始直播", "取消访谈"], LifecycleButtons(cut)));

        cut.FindAll(".lifecycle button").Single(b => b.TextContent.Trim() == "开始直播").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定开始直播吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "返回").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(["开始直播", "取消访谈"], LifecycleButtons(cut));
        Assert.Equal(InterviewStatus.Scheduled, await StatusAsync(id));

        cut.FindAll(".lifecycle button").Single(b => b.TextContent.Trim() == "开始直播").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定开始直播吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "开始直播").Click();

        cut.WaitForAssertion(() => Assert.Equal(["结束访谈"], LifecycleButtons(cut)));
        Assert.Equal(InterviewStatus.Live, await StatusAsync(id));
    }

    [Fact]
    public async Task PublishingTheTranscriptAsksFirstAndGoingBackChangesNothing()
    {
        var id = await DraftSessionAsync();
        foreach (var to in new[] { InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended })
        {
            await Service<InterviewAdmin>().TransitionAsync(Admin, id, to);
        }
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));
        cut.WaitForAssertion(() => Assert.Equal(["发布实录"], LifecycleButtons(cut)));

        cut.Find(".lifecycle button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定发布实录吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "返回").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(InterviewStatus.Ended, await StatusAsync(id));

        cut.Find(".lifecycle button").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定发布实录吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "发布实录").Click();

        cut.WaitForAssertion(() => Assert.Empty(LifecycleButtons(cut)));
        Assert.Equal(InterviewStatus.Published, await StatusAsync(id));
    }

    [Fact]
    public async Task AHostWhoIsNotAssignedSeesAnErrorInsteadOfTheSession()
    {
        var id = await DraftSessionAsync();
        await AddStaffAsync("staff-host", "host@example.gov.cn", StaffRole.Host);
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".session-refused")));
        Assert.Empty(cut.FindAll(".session-title"));
        Assert.Empty(cut.FindAll(".lifecycle"));
        Assert.DoesNotContain("秋冬季流感防控", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("您不是这场访谈的主持人。", SnackbarMessages());
    }

    [Fact]
    public async Task AnAssignedHostSeesTheSessionButNotTheAssignments()
    {
        var id = await DraftSessionAsync();
        await AddStaffAsync("staff-host", "host@example.gov.cn", StaffRole.Host);
        await Service<InterviewAdmin>().AssignAsync(Admin, id, "staff-host", StaffRole.Host);
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));

        cut.WaitForAssertion(() => Assert.Equal("秋冬季流感防控在线访谈", cut.Find(".session-title").TextContent.Trim()));
        Assert.Empty(cut.FindAll(".assignments"));
        Assert.DoesNotContain("人员分工", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePublishedSessionsSummaryIsWrittenOnItsPageAndTheBackgroundStaysAsItWas()
    {
        var id = await DraftSessionAsync();
        foreach (var to in new[] { InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended, InterviewStatus.Published })
        {
            await Service<InterviewAdmin>().TransitionAsync(Admin, id, to);
        }
        var cut = Render<SessionPage>(p => p.Add(s => s.Id, id));
        cut.WaitForElement(".session-summary textarea");
        Assert.Equal("背景材料", cut.Find(".session-background textarea").GetAttribute("value") ?? cut.Find(".session-background textarea").TextContent);

        cut.Find(".session-summary textarea").Change("会后摘要：嘉宾解答了接种安排。");
        cut.Find("form.session-details-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("已保存", SnackbarMessages().LastOrDefault() ?? "", StringComparison.Ordinal));
        await using var db = Database.CreateDbContext();
        var stored = await db.Interviews.AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.Equal(("背景材料", "会后摘要：嘉宾解答了接种安排。"), (stored.BackgroundMarkdown, stored.SummaryMarkdown));
    }

    private async Task<int> DraftSessionAsync()
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
            [new GuestEdit("李卫东", "主任", "市疾病预防控制中心", "从事疾病预防控制工作二十余年。")]));
        return session.Id;
    }

    private async Task<InterviewStatus> StatusAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return (await db.Interviews.AsNoTracking().SingleAsync(i => i.Id == id)).Status;
    }

    private static List<string> LifecycleButtons(IRenderedComponent<SessionPage> cut) =>
        [.. cut.FindAll(".lifecycle button").Select(b => b.TextContent.Trim())];
}
