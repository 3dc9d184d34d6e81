using Bunit;
using Interview.Domain.Interviews;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Live;
using Interview.Web.Live;

namespace Interview.Tests.Components.Admin.Live;

public class ReviewConsoleTests : LiveConsoleTestContext
{
    [Fact]
    public async Task WithReviewOnTheTypistsAnswerWaitsAsADraftUntilTheReviewerApprovesAndPublishesIt()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        var typist = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));
        var reviewer = Render<ReviewConsolePage>(p => p.Add(s => s.Id, session.Id));
        reviewer.WaitForAssertion(() => Assert.NotNull(reviewer.Find(".no-pending")));

        typist.WaitForElement("textarea.answer-text").Input("全市设有 200 个接种点。");
        typist.Find("textarea.answer-text").KeyDown(CtrlEnter);

        typist.WaitForAssertion(() => Assert.Contains("已提交审核", typist.Find(".answer-status").TextContent, StringComparison.Ordinal));
        Assert.Empty(await StoredEntriesAsync(session.Id));
        Assert.Equal("待审核", typist.Find(".typist-draft .draft-status").TextContent.Trim());
        reviewer.WaitForAssertion(() =>
        {
            var draft = reviewer.Find(".pending-draft");
            Assert.Contains($"[嘉宾 {FirstGuest}]", draft.TextContent, StringComparison.Ordinal);
            Assert.Contains("全市设有 200 个接种点。", draft.TextContent, StringComparison.Ordinal);
            // Who typed it, by display name; the draft records the e-mail, which staff do not read here.
            Assert.Contains(AdminName, draft.QuerySelector(".mud-typography-caption")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(AdminEmail, draft.TextContent, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(AdminEmail, typist.Find(".typist-draft").TextContent, StringComparison.Ordinal);

        reviewer.Find(".pending-draft .approve-draft").Click();

        reviewer.WaitForAssertion(() => Assert.NotNull(reviewer.Find(".no-pending")));
        var entry = Assert.Single((await Catalog.EntriesAsync(session.Id))!);
        Assert.Equal((EntryKind.Guest, "全市设有 200 个接种点。"), (entry.Kind, entry.Text));
        Assert.NotNull(entry.Reviewer);
        typist.WaitForAssertion(() =>
        {
            Assert.Empty(typist.FindAll(".typist-draft"));
            Assert.Contains("全市设有 200 个接种点。", typist.Find(".recent-entries").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendingBackWithoutACommentIsRefusedAndTheDraftStaysPending()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId));
        var cut = Render<ReviewConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement(".pending-draft .send-back-draft").Click();

        cut.WaitForAssertion(() => Assert.Contains("退回意见不能为空", cut.Find(".draft-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(DraftStatus.Pending, Assert.Single(await StoredDraftsAsync(session.Id)).Status);
        Assert.Single(cut.FindAll(".pending-draft"));
    }

    [Fact]
    public async Task SendingBackWithACommentMovesTheDraftToTheTypist()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId));
        var cut = Render<ReviewConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement(".pending-draft .send-back-comment input").Input("数据请核实");
        cut.Find(".pending-draft .send-back-draft").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll(".pending-draft"));
            Assert.Contains("数据请核实", cut.Find(".typist-draft .draft-comment").TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll(".revise-draft"));
        var draft = Assert.Single(await StoredDraftsAsync(session.Id));
        Assert.Equal((DraftStatus.SentBack, "数据请核实"), (draft.Status, draft.ReviewComment));
        Assert.Empty(await StoredEntriesAsync(session.Id));
    }

    [Fact]
    public async Task APendingCorrectionShowsTheReviewerThePublicWordingBesideTheNewOneUntilApproved()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        var answer = (await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId))).Draft!;
        await Publisher.ApproveDraftAsync(Admin, answer.Id);
        var cut = Render<ReviewConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".no-pending")));

        var outcome = await Publisher.CorrectAsync(Admin, session.Id, 1, "接种率为 **35%**", "更正数据");

        Assert.Null(outcome.Entry);
        cut.WaitForAssertion(() =>
        {
            var card = cut.Find(".pending-draft");
            Assert.Contains("更正第 1 条", card.QuerySelector(".draft-correction")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("接种率为 30%", card.QuerySelector(".correction-old")!.TextContent.Trim());
            Assert.Equal("接种率为 35%", card.QuerySelector(".draft-body")!.TextContent.Trim());
            Assert.Contains("更正数据", card.QuerySelector(".correction-note")!.TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("接种率为 30%", Assert.Single(await StoredEntriesAsync(session.Id)).Text);

        cut.Find(".pending-draft .approve-draft").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".no-pending")));
        var entry = Assert.Single(await StoredEntriesAsync(session.Id));
        Assert.Equal((1, "接种率为 35%"), (entry.Seq, entry.Text));
        Assert.NotNull(entry.ReviewedBy);
        Assert.NotNull(entry.CorrectedAt);
    }
}
