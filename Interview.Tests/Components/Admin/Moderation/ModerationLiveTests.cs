using Bunit;
using Interview.Domain.Questions;
using Interview.Web.Live;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>Several moderators on one queue: what one decides leaves the others' consoles, and races end in a clear message.</summary>
public class ModerationLiveTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task AQuestionDecidedByAnotherModeratorLeavesThisConsoleWithoutAReload()
    {
        await AddOtherModeratorAsync();
        var session = await LiveSessionAsync();
        var first = await PendingQuestionAsync(session.Id, "第一个问题", secondsAgo: 20);
        var second = await PendingQuestionAsync(session.Id, "第二个问题", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal([first, second], Listed(cut)));

        await Moderation.ApproveAsync(OtherModerator, first, null);

        cut.WaitForAssertion(() => Assert.Equal([second], Listed(cut)));
        Assert.Equal(second, SelectedId(cut));
        Assert.Contains("已采用 1", cut.Find("[data-status=Approved]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionSubmittedWhileTheConsoleIsOpenJoinsTheQueue()
    {
        var session = await LiveSessionAsync();
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Contains("没有符合条件的问题", cut.Find(".queue-empty").TextContent, StringComparison.Ordinal));

        var id = await PendingQuestionAsync(session.Id, "新来的问题");
        await Service<Interview.Web.Events.IEventBus>().PublishAsync(new QuestionsChanged(session.Id));

        cut.WaitForAssertion(() => Assert.Equal([id], Listed(cut)));
    }

    [Fact]
    public async Task ActingOnAQuestionAnotherModeratorDecidedFirstNamesTheEarlierDecision()
    {
        await AddOtherModeratorAsync();
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "今天天气怎么样？");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));
        // The other decision lands without this console hearing of it yet (the race the service settles).
        await using (var db = Database.CreateDbContext())
        {
            var question = await db.Questions.FindAsync(id);
            question!.Reject(OtherModeratorEmail, RejectReason.OffTopic, null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await PressAsync(cut, "a");

        cut.WaitForAssertion(() =>
        {
            var notice = cut.Find(".moderation-notice").TextContent;
            // By display name: the other moderator's e-mail does not appear.
            Assert.Contains(OtherModeratorEmail.Split('@')[0], notice, StringComparison.Ordinal);
            Assert.DoesNotContain(OtherModeratorEmail, notice, StringComparison.Ordinal);
            Assert.Contains("未采用（与主题无关）", notice, StringComparison.Ordinal);
            Assert.Contains($"#{id}", notice, StringComparison.Ordinal);
        });
        Assert.Empty(Listed(cut));
        var stored = await StoredQuestionAsync(id);
        Assert.Equal((QuestionStatus.Rejected, OtherModeratorEmail), (stored.Status, stored.DecidedBy));
    }

    [Fact]
    public async Task ABurstOfQuestionsReloadsTheConsoleAFewTimesAndShowsTheFirstHundred()
    {
        var session = await LiveSessionAsync();
        var cut = RenderConsole(session.Id);
        cut.WaitForElement(".queue-empty");
        var notifier = Service<Interview.Web.Events.IEventBus>();
        var throttle = cut.Instance.Throttle!;
        var before = throttle.Reloads;
        var started = DateTimeOffset.UtcNow;

        // 300 questions in about a second and a half, each announced as the intake announces it.
        for (var i = 0; i < 300; i++)
        {
            await PendingQuestionAsync(session.Id, $"第 {i} 个问题", secondsAgo: 1000 - i);
            await notifier.PublishAsync(new QuestionsChanged(session.Id));
        }
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;

        cut.WaitForAssertion(() => Assert.Contains("共 300 条，显示前 100 条", cut.Find(".queue-total").TextContent, StringComparison.Ordinal));
        Assert.Equal(100, Listed(cut).Count);
        Assert.Contains("待审 300", cut.Find("[data-status=Pending]").TextContent, StringComparison.Ordinal);
        // At most four reloads a second, plus the one at the start and the one after the last question.
        Assert.InRange(throttle.Reloads - before, 1, (int)Math.Ceiling(seconds * 4) + 2);
    }
}
