using Bunit;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Live;
using Interview.Web.Live;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Interview.Tests.Components.Admin.Live;

public class HostConsoleTests : LiveConsoleTestContext
{
    [Fact]
    public async Task AnEntryPublishedElsewhereAppearsInTheHostConsoleWithoutAReload()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Contains("还没有发布任何内容", cut.Markup, StringComparison.Ordinal));

        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "流感疫苗每年都要接种。", session.FirstGuestId));

        cut.WaitForAssertion(() =>
        {
            var entry = cut.Find(".live-transcript .live-entry");
            Assert.Contains($"[嘉宾 {FirstGuest}]", entry.TextContent, StringComparison.Ordinal);
            Assert.Contains("流感疫苗每年都要接种。", entry.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheHostPutsAnApprovedQuestionToTheGuestsAndItShowsAsAsked()
    {
        var session = await LiveSessionAsync();
        var questionId = await ApprovedQuestionAsync(session.Id);
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Equal("待提问", cut.Find(".desk-question .question-state").TextContent.Trim()));

        cut.Find(".desk-question .ask-question").Click();

        cut.WaitForAssertion(() => Assert.Equal("已提问（第 1 条），待答复", cut.Find(".desk-question .question-state").TextContent.Trim()));
        Assert.True(cut.Find(".desk-question .ask-question").HasAttribute("disabled"));
        Assert.Contains("[网友 市民小王]", cut.Find(".live-transcript").TextContent, StringComparison.Ordinal);
        var asked = Assert.Single(await StoredEntriesAsync(session.Id));
        Assert.Equal((EntryKind.Question, (int?)questionId), (asked.Kind, asked.QuestionId));
    }

    [Fact]
    public async Task AQuestionApprovedWhileTheConsoleIsOpenAppearsAndCanBeMarkedAnswered()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Contains("暂无审核通过的问题", cut.Find(".question-board").TextContent, StringComparison.Ordinal));

        var questionId = await ApprovedQuestionAsync(session.Id, "流感和新冠疫苗能同时打吗？");
        await Service<Interview.Web.Events.IEventBus>().PublishAsync(new QuestionApproved(session.Id, questionId, "市民小王", "流感和新冠疫苗能同时打吗？"));
        cut.WaitForAssertion(() => Assert.Contains("流感和新冠疫苗能同时打吗？", cut.Find(".question-board").TextContent, StringComparison.Ordinal));
        cut.Find(".desk-question .mark-answered").Click();

        cut.WaitForAssertion(() => Assert.Equal("已答复", cut.Find(".desk-question .question-state").TextContent.Trim()));
        await using var db = Database.CreateDbContext();
        Assert.Equal(QuestionStatus.Answered, (await db.Questions.SingleAsync(q => q.Id == questionId)).Status);
    }

    [Fact]
    public async Task CtrlEnterInTheRemarksBoxPublishesAHostRemarkOrANote()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        var box = cut.WaitForElement("textarea.host-remark-text");

        box.Input("各位网友，大家好！");
        cut.Find("textarea.host-remark-text").KeyDown(CtrlEnter);
        cut.WaitForAssertion(() => Assert.Equal("", BoxValue(cut, "textarea.host-remark-text")));

        var entry = Assert.Single(await StoredEntriesAsync(session.Id));
        Assert.Equal(EntryKind.Host, entry.Kind);
        cut.WaitForAssertion(() => Assert.Contains("[主持人]", cut.Find(".live-transcript").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHostCorrectsAnEntryWithANoteAndTheConsoleShowsTheCorrection()
    {
        var session = await LiveSessionAsync();
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId));
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement(".correct-entry").Click();

        cut.Find("textarea.correction-text").Input("接种率为 35%");
        cut.Find(".save-correction").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写更正说明", cut.Find(".correction-error").TextContent, StringComparison.Ordinal));
        Assert.Null(Assert.Single(await StoredEntriesAsync(session.Id)).CorrectedAt);
        cut.Find(".correction-note input").Input("更正数据");
        cut.Find(".save-correction").Click();

        cut.WaitForAssertion(() =>
        {
            var entry = cut.Find(".live-transcript .live-entry");
            Assert.Contains("接种率为 35%", entry.TextContent, StringComparison.Ordinal);
            Assert.Contains("已更正", entry.TextContent, StringComparison.Ordinal);
        });
        var corrected = (await Catalog.EntriesAsync(session.Id))!.Single();
        Assert.Equal("更正数据", Assert.Single(corrected.Revisions).Note);
    }

    [Fact]
    public async Task UnderReviewTheHostsCorrectionOfAnAnswerWaitsForTheReviewerAndTheConsoleSaysSo()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        var answer = (await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId))).Draft!;
        await Publisher.ApproveDraftAsync(Admin, answer.Id);
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement(".correct-entry").Click();

        cut.Find("textarea.correction-text").Input("接种率为 35%");
        cut.Find(".correction-note input").Input("更正数据");
        cut.Find(".save-correction").Click();

        cut.WaitForAssertion(() =>
        {
            var pending = cut.Find(".typist-draft");
            Assert.Contains("更正第 1 条", pending.TextContent, StringComparison.Ordinal);
            Assert.Equal("待审核", pending.QuerySelector(".draft-status")!.TextContent.Trim());
        });
        var entry = cut.Find(".live-transcript .live-entry");
        Assert.Contains("接种率为 30%", entry.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("已更正", entry.TextContent, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await StoredEntriesAsync(session.Id)).CorrectedAt);
    }

    [Fact]
    public async Task TheHostsSwitchTurnsOnTwoKeyReview()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement(".review-switch input").Change(true);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".review-chip")));
        await using var db = Database.CreateDbContext();
        Assert.True((await db.Interviews.SingleAsync(i => i.Id == session.Id)).RequiresReview);
    }

    [Fact]
    public async Task TheHostOpensTheSessionAndEndsItAfterConfirming()
    {
        var session = await LiveSessionAsync(InterviewStatus.Scheduled);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement(".start-live").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定开始直播吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "开始直播").Click();
        cut.WaitForAssertion(() => Assert.Equal("直播中", cut.Find(".host-status-name").TextContent.Trim()));
        cut.Find(".end-live").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定结束这场访谈吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "结束访谈").Click();

        cut.WaitForAssertion(() => Assert.Equal("已结束", cut.Find(".host-status-name").TextContent.Trim()));
        Assert.Empty(cut.FindAll(".end-live"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(InterviewStatus.Ended, (await db.Interviews.SingleAsync(i => i.Id == session.Id)).Status);
    }

    [Fact]
    public async Task GoingBackFromTheConfirmationOfGoingLiveLeavesTheSessionAnnounced()
    {
        var session = await LiveSessionAsync(InterviewStatus.Scheduled);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement(".start-live").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定开始直播吗", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "返回").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal("预告", cut.Find(".host-status-name").TextContent.Trim());
        Assert.NotNull(cut.Find(".start-live"));
        await using var db = Database.CreateDbContext();
        Assert.Equal(InterviewStatus.Scheduled, (await db.Interviews.SingleAsync(i => i.Id == session.Id)).Status);
    }

    [Fact]
    public async Task TheQuestionOnTheFloorIsMarkedBeingAnsweredOnTheBoardAndInTheTranscriptUntilItIsAnswered()
    {
        var session = await LiveSessionAsync();
        var first = await ApprovedQuestionAsync(session.Id, "第一个问题：夜间门诊几点关门？");
        var second = await ApprovedQuestionAsync(session.Id, "第二个问题：周末能挂专家号吗？");
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".desk-question").Count));
        Assert.Empty(cut.FindAll(".on-the-floor"));

        // Both put: the guests answer the first, so only it is marked, on the board and on its transcript entry.
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Question, null, QuestionId: first));
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Question, null, QuestionId: second));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".live-entry").Count));
        cut.WaitForAssertion(() =>
        {
            var board = Assert.Single(cut.FindAll(".desk-question.on-the-floor"));
            Assert.Equal(first.ToString(System.Globalization.CultureInfo.InvariantCulture), board.GetAttribute("data-question"));
            Assert.Equal("true", board.GetAttribute("aria-current"));
            Assert.Equal("正在回答", board.QuerySelector(".on-the-floor-marker")!.TextContent.Trim());
            var entry = Assert.Single(cut.FindAll(".live-entry.on-the-floor"));
            Assert.Equal("1", entry.GetAttribute("data-seq"));
            Assert.Equal("正在回答", entry.QuerySelector(".on-the-floor-marker")!.TextContent.Trim());
        });

        // Answered: the floor passes to the second question.
        cut.Find($".desk-question[data-question='{first}'] .mark-answered").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(second.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Assert.Single(cut.FindAll(".desk-question.on-the-floor")).GetAttribute("data-question"));
            Assert.Equal("2", Assert.Single(cut.FindAll(".live-entry.on-the-floor")).GetAttribute("data-seq"));
            Assert.Equal(2, cut.FindAll(".on-the-floor-marker").Count);
        });
    }

    [Fact]
    public async Task TheTranscriptScrollsInAFocusableNamedAreaAndTheTextBoxIsOutsideIt()
    {
        var session = await LiveSessionAsync();
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Host, "各位网友，大家好！", null));
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        var area = cut.WaitForElement(".host-transcript");
        cut.WaitForAssertion(() => Assert.NotNull(area.QuerySelector(".live-transcript .live-entry")));
        // WCAG scrollable-region-focusable: the keyboard reaches it, and a screen reader hears what it is.
        Assert.Equal("0", area.GetAttribute("tabindex"));
        Assert.Equal("region", area.GetAttribute("role"));
        var heading = cut.Find($"#{area.GetAttribute("aria-labelledby")}");
        Assert.Equal("文字直播（1 条）", heading.TextContent.Trim());
        Assert.Null(area.QuerySelector("textarea.host-remark-text"));
        Assert.NotNull(cut.Find("textarea.host-remark-text"));
    }
}
