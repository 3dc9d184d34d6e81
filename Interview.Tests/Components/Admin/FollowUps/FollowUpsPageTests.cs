using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Tests.Components.Admin.Live;
using Interview.Tests.Support;
using Interview.Web.Components.Admin.FollowUps;
using Interview.Web.FollowUps;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin.FollowUps;

public class FollowUpsPageTests : LiveConsoleTestContext
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Wednesday 25 November 2026, 10:00 Beijing time.</summary>
    private static readonly DateTimeOffset Today = new(2026, 11, 25, 10, 0, 0, Beijing);

    public FollowUpsPageTests() => Services.AddSingleton<FollowUpBoard>();

    protected override TimeProvider Clock { get; } = new ManualClock(Today);

    [Fact]
    public async Task OverdueFollowUpsAreCountedAtTheTopAndHighlightedFirst()
    {
        var id = await EndedSessionAsync();
        await FollowUpAsync(id, "下周到期的问题", EndOfDay(2026, 12, 2));
        await FollowUpAsync(id, "今天到期的问题", EndOfDay(2026, 11, 25));
        await FollowUpAsync(id, "昨天就到期的问题", EndOfDay(2026, 11, 24));

        var cut = Render<FollowUpsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".followup-table tbody tr").Count));
        Assert.Contains("1", cut.Find(".count-overdue").TextContent, StringComparison.Ordinal);
        Assert.Contains("1", cut.Find(".count-due-soon").TextContent, StringComparison.Ordinal);
        Assert.Contains("3", cut.Find(".count-open").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll(".followup-table tbody tr");
        Assert.Contains("昨天就到期的问题", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("followup-overdue", rows[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("已逾期", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-24（周二）", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("followup-due-soon", rows[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("即将到期", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("followup-", rows[2].ClassName ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("到期</", rows[2].InnerHtml, StringComparison.Ordinal);
        Assert.All(cut.FindAll(".followup-table a.type-link"), link => Assert.Equal($"/admin/sessions/{id}/type", link.GetAttribute("href")));
    }

    [Fact]
    public async Task TheFiltersShowOnlyTheOverdueOrTheAnsweredWithTheirAnswerLinks()
    {
        var id = await EndedSessionAsync();
        await FollowUpAsync(id, "昨天就到期的问题", EndOfDay(2026, 11, 24));
        await FollowUpAsync(id, "下周到期的问题", EndOfDay(2026, 12, 2));
        var seq = await AnsweredFollowUpAsync(id, "已经答复的问题", EndOfDay(2026, 11, 27));
        var cut = Render<FollowUpsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".followup-table tbody tr").Count));

        cut.Find(".filter-overdue").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".followup-table tbody tr")));
        Assert.Contains("昨天就到期的问题", cut.Find(".followup-table tbody").TextContent, StringComparison.Ordinal);

        cut.Find(".filter-answered").Click();
        cut.WaitForAssertion(() => Assert.Contains("已经答复的问题", cut.Find(".followup-table tbody").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll(".followup-table tbody tr"));
        Assert.Equal($"/interviews/{id}#e{seq}", cut.Find(".followup-table a.answer-link").GetAttribute("href"));
        Assert.Equal("true", cut.Find(".filter-answered").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task ATypistSeesOnlyTheFollowUpsOfTheSessionsAssignedToThem()
    {
        const string typist = "staff-typist";
        await AddStaffAsync(typist, "typist@example.gov.cn", StaffRole.Typist);
        var theirs = await EndedSessionAsync(typist);
        var others = await EndedSessionAsync();
        await FollowUpAsync(theirs, "本人场次的问题", EndOfDay(2026, 11, 27));
        await FollowUpAsync(others, "别人场次的问题", EndOfDay(2026, 11, 27));
        SignInAs(typist, "typist@example.gov.cn", StaffRole.Typist);

        var cut = Render<FollowUpsPage>();

        cut.WaitForAssertion(() => Assert.Contains("本人场次的问题", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("别人场次的问题", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFollowUpAnswerPublishedElsewhereLeavesTheOpenListAtOnce()
    {
        var id = await EndedSessionAsync();
        var question = await FollowUpAsync(id, "马上就要答复的问题", EndOfDay(2026, 11, 27));
        var cut = Render<FollowUpsPage>();
        cut.WaitForAssertion(() => Assert.Contains("马上就要答复的问题", cut.Markup, StringComparison.Ordinal));

        await Publisher.PublishAsync(Admin, id, new EntryRequest(EntryKind.FollowUp, "经核实，可以办理。", QuestionId: question));

        cut.WaitForAssertion(() => Assert.DoesNotContain("马上就要答复的问题", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("1", cut.Find(".count-answered").TextContent, StringComparison.Ordinal);
        Assert.Contains("没有待答复的问题", cut.Markup, StringComparison.Ordinal);
    }

    private static DateTimeOffset EndOfDay(int year, int month, int day) => new(year, month, day, 23, 59, 59, Beijing);

    private async Task<int> EndedSessionAsync(string? typist = null)
    {
        await using var db = Database.CreateDbContext();
        var column = Column.Create("卫健在线", $"weijian-{Guid.NewGuid():N}"[..16]);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var session = Builders.SessionIn(InterviewStatus.Ended, column.Id);
        if (typist is not null)
        {
            session.Assign(typist, StaffRole.Typist);
        }
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private async Task<int> FollowUpAsync(int interviewId, string text, DateTimeOffset due)
    {
        await using var db = Database.CreateDbContext();
        var question = Builders.Question(interviewId, text);
        question.Approve("moderator@example.gov.cn", null, Builders.Now);
        question.BecomeFollowUp(due);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question.Id;
    }

    /// <summary>A follow-up answered with a 会后答复 entry in the transcript; returns the entry's seq.</summary>
    private async Task<int> AnsweredFollowUpAsync(int interviewId, string text, DateTimeOffset due)
    {
        var questionId = await FollowUpAsync(interviewId, text, due);
        var entry = await Publisher.PublishAsync(Admin, interviewId, new EntryRequest(EntryKind.FollowUp, "已答复。", QuestionId: questionId));
        return entry.Entry!.Seq;
    }
}
