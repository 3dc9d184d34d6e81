using Bunit;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Moderation;

public class ModerationConsoleTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task ThePendingQueueShowsEachQuestionWithItsFlagsAndAMaskedPhone()
    {
        var session = await LiveSessionAsync();
        var flagged = await PendingQuestionAsync(session.Id, "某某局为什么不回复？", "老李", phone: "13812345678", secondsAgo: 120,
            flags: [new QuestionFlag(FlagKind.SensitiveWord, "某某局"), new QuestionFlag(FlagKind.PersonalData, "手机号")]);
        var plain = await PendingQuestionAsync(session.Id, "流感疫苗在哪里打？", secondsAgo: 60);
        await ApprovedQuestionAsync(session.Id, "已经采用的问题不在待审列表里。");

        var cut = RenderConsole(session.Id);

        cut.WaitForAssertion(() => Assert.Equal([flagged, plain], Listed(cut)));
        var row = Row(cut, flagged);
        Assert.Contains("[网友 老李]", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(["敏感词：某某局", "个人信息：手机号"], row.QuerySelectorAll(".question-flag").Select(c => c.TextContent.Trim()));
        Assert.Contains("138****5678", row.QuerySelector(".question-phone")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("秋冬季流感防控在线访谈", cut.Find(".moderation-title").TextContent, StringComparison.Ordinal);
        Assert.Contains("待审 2", cut.Find("[data-status=Pending]").TextContent, StringComparison.Ordinal);
        Assert.Contains("已采用 1", cut.Find("[data-status=Approved]").TextContent, StringComparison.Ordinal);
        Assert.Equal(flagged, SelectedId(cut));
    }

    [Fact]
    public async Task TheApproveButtonApprovesAndTheQuestionLeavesThePendingView()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "流感疫苗在哪里打？");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement($"[data-question='{id}'] .approve").Click();

        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        var stored = await StoredQuestionAsync(id);
        Assert.Equal((QuestionStatus.Approved, AdminEmail), (stored.Status, stored.DecidedBy));
        Assert.Contains(SnackbarMessages(), m => m.Contains($"已采用问题 #{id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRejectButtonsRejectWithTheChosenReasonAndANote()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "和访谈无关的广告");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement(".reject").Click();
        cut.Find(".reject-panel input[data-reason=Abusive]").Click();
        cut.Find(".reject-note").Input("含辱骂");
        cut.Find(".confirm-reject").Click();

        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        var stored = await StoredQuestionAsync(id);
        Assert.Equal((QuestionStatus.Rejected, (RejectReason?)RejectReason.Abusive, "含辱骂"), (stored.Status, stored.RejectReason, stored.DecisionNote));
    }

    [Fact]
    public async Task TheMergeButtonsFoldADuplicateIntoAnApprovedQuestion()
    {
        var session = await LiveSessionAsync();
        var survivor = await ApprovedQuestionAsync(session.Id, "流感疫苗要打几针？");
        var duplicate = await PendingQuestionAsync(session.Id, "流感疫苗打几针？");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement($"[data-question='{duplicate}'] .merge").Click();
        Assert.Contains($"#{duplicate}", cut.Find(".merge-banner").TextContent, StringComparison.Ordinal);
        // The survivor is approved, so it is under 已采用: the filter can change while the merge waits for a target.
        cut.Find("[data-status=Approved]").Click();
        cut.WaitForElement($"[data-question='{survivor}'] .merge-here").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".merge-banner")));
        var stored = await StoredQuestionAsync(duplicate);
        Assert.Equal((QuestionStatus.Merged, (int?)survivor), (stored.Status, stored.MergedIntoId));
    }

    [Fact]
    public async Task BlockingASenderNeedsAConfirmationAndThenShowsTheSenderAsBlocked()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "刷屏内容", clientKey: "client-flood");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement(".block-sender").Click();
        Assert.Contains("确定屏蔽这位提问者吗", cut.Find(".block-panel").TextContent, StringComparison.Ordinal);
        cut.Find(".cancel-block").Click();
        Assert.Empty(cut.FindAll(".block-panel"));
        await using (var db = Database.CreateDbContext())
        {
            Assert.False(await db.ClientBlocks.AnyAsync());
        }

        cut.Find(".block-sender").Click();
        cut.Find(".block-reason").Input("一分钟内重复提交 30 次");
        cut.Find(".confirm-block").Click();

        cut.WaitForAssertion(() => Assert.Equal("已屏蔽", Row(cut, id).QuerySelector(".sender-blocked")?.TextContent.Trim()));
        await using var check = Database.CreateDbContext();
        var block = await check.ClientBlocks.SingleAsync();
        Assert.Equal((session.Id, "client-flood", "一分钟内重复提交 30 次"), (block.InterviewId, block.ClientKey, block.Reason));
        Assert.Equal(QuestionStatus.Pending, (await StoredQuestionAsync(id)).Status);
    }

    [Fact]
    public async Task DecidedQuestionsShowTheDecisionAndTheOriginalWordingOfAnEdit()
    {
        var session = await LiveSessionAsync();
        var edited = await PendingQuestionAsync(session.Id, "疫苗 在哪 打??");
        var rejected = await PendingQuestionAsync(session.Id, "无关内容");
        await Moderation.ApproveAsync(Admin, edited, "疫苗在哪里打？");
        await Moderation.RejectAsync(Admin, rejected, RejectReason.OffTopic, "与本场主题无关");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement("[data-status=All]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, Listed(cut).Count));
        var approved = Row(cut, edited);
        Assert.Equal("疫苗在哪里打？", approved.QuerySelector(".question-text")!.TextContent.Trim());
        Assert.Equal("原文：疫苗 在哪 打??", approved.QuerySelector(".question-original")!.TextContent.Trim());
        // Who decided, by display name (the test accounts' display name is the e-mail's local part), not by e-mail.
        Assert.StartsWith($"已采用 · {AdminName} · ", approved.QuerySelector(".question-decision")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith($"未采用（与主题无关：与本场主题无关） · {AdminName} · ", Row(cut, rejected).QuerySelector(".question-decision")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(AdminEmail, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFiltersShowOneStatusAndOneKindOfFlagAtATime()
    {
        var session = await LiveSessionAsync();
        var sensitive = await PendingQuestionAsync(session.Id, "含敏感词的问题", secondsAgo: 50, flags: [new QuestionFlag(FlagKind.SensitiveWord, "某词")]);
        var personal = await PendingQuestionAsync(session.Id, "我的电话 13800000000", secondsAgo: 40, flags: [new QuestionFlag(FlagKind.PersonalData, "手机号")]);
        var plain = await PendingQuestionAsync(session.Id, "普通问题", secondsAgo: 30);
        var approved = await ApprovedQuestionAsync(session.Id, "已采用的问题");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal([sensitive, personal, plain], Listed(cut)));

        cut.Find("[data-flags=Flagged]").Click();
        cut.WaitForAssertion(() => Assert.Equal([sensitive, personal], Listed(cut)));
        cut.Find("[data-flags=SensitiveWord]").Click();
        cut.WaitForAssertion(() => Assert.Equal([sensitive], Listed(cut)));
        cut.Find("[data-flags=PersonalData]").Click();
        cut.WaitForAssertion(() => Assert.Equal([personal], Listed(cut)));
        cut.Find("[data-flags=Unflagged]").Click();
        cut.WaitForAssertion(() => Assert.Equal([plain], Listed(cut)));
        cut.Find("[data-status=Approved]").Click();
        cut.WaitForAssertion(() => Assert.Equal([approved], Listed(cut)));
        cut.Find("[data-flags=All]").Click();
        cut.Find("[data-status=All]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, Listed(cut).Count));
        Assert.Equal("true", cut.Find("[data-status=All]").GetAttribute("aria-pressed"));
        Assert.Contains("全部 4", cut.Find("[data-status=All]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminRevealsAPhoneNumberAndTheViewIsAudited()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "请回电", phone: "13812345678");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement(".reveal-phone").Click();

        cut.WaitForAssertion(() => Assert.Contains("13812345678", Row(cut, id).QuerySelector(".question-phone")!.TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".reveal-phone"));
        await using var db = Database.CreateDbContext();
        var audit = await db.AuditLog.Where(a => a.Action == "question.phone.view").ToListAsync();
        Assert.Equal((AdminEmail, $"question/{id}"), (Assert.Single(audit).Actor, audit[0].Target));
    }

    [Fact]
    public async Task AModeratorSeesOnlyTheMaskedPhoneWithNoWayToRevealIt()
    {
        await AddStaffAsync("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        var session = await LiveSessionAsync();
        await PendingQuestionAsync(session.Id, "请回电", phone: "13812345678");

        var cut = RenderConsole(session.Id);

        cut.WaitForAssertion(() => Assert.Contains("138****5678", cut.Find(".question-phone").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".reveal-phone"));
        Assert.Empty(cut.FindAll(".session-link"));
        Assert.DoesNotContain("13812345678", cut.Markup, StringComparison.Ordinal);
    }
}
