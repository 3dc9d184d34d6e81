using Interview.Domain;
using Interview.Domain.Interviews;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

/// <summary>The second key covers corrections: the rule lives in the session and the draft, not in a console.</summary>
public class CorrectionReviewTests
{
    private const string Reviewer = "张审核";

    [Fact]
    public void UnderReviewACorrectionOfAGuestsWordsNeedsTheReviewerAndOneOfAHostRemarkDoesNot()
    {
        var session = ReviewedSession();
        var answer = ReviewedAnswer(session);
        var remark = session.AppendEntry(EntryKind.Host, null, Rendered("欢迎"), Now);

        Assert.True(session.CorrectionNeedsReview(answer));
        Assert.False(session.CorrectionNeedsReview(remark));
        session.RequireReview(false, Now);
        Assert.False(session.CorrectionNeedsReview(answer));
    }

    [Fact]
    public void AnApprovedCorrectionKeepsTheSeqAndTheTrailAndNamesTheReviewerOfTheNewWording()
    {
        var session = ReviewedSession();
        var answer = ReviewedAnswer(session);
        var draft = EntryDraft.SubmitCorrection(session, answer, null, Rendered("接种率为 35%"), "更正数据", "host@example.gov.cn", Now.AddMinutes(1));

        Assert.Equal("接种率为 30%", answer.Text);
        Assert.Throws<DomainException>(() => draft.Approve(session, Reviewer, Now));
        draft.ApproveCorrection(answer, "李复核", Now.AddMinutes(2));

        Assert.Equal((1, "接种率为 35%", "李复核", DraftStatus.Published), (answer.Seq, answer.Text, answer.ReviewedBy, draft.Status));
        var earlier = Assert.Single(answer.Revisions);
        Assert.Equal(("接种率为 30%", "更正数据"), (earlier.Text, earlier.Note));
    }

    [Fact]
    public void OnlyOneCorrectionOfAnEntryWaitsAtATimeAndANewOneRevisesOneSentBack()
    {
        var session = ReviewedSession();
        var answer = ReviewedAnswer(session);
        var first = EntryDraft.SubmitCorrection(session, answer, null, Rendered("接种率为 35%"), "更正数据", "host@example.gov.cn", Now);

        Assert.Throws<DomainException>(() => EntryDraft.SubmitCorrection(session, answer, first, Rendered("接种率为 36%"), "", "host@example.gov.cn", Now));
        first.SendBack(Reviewer, "请核实", Now);
        var second = EntryDraft.SubmitCorrection(session, answer, first, Rendered("接种率为 36%"), "核实后更正", "host@example.gov.cn", Now);

        Assert.Same(first, second);
        Assert.Equal((DraftStatus.Pending, "接种率为 36%", "核实后更正"), (second.Status, second.Text, second.CorrectionNote));
    }

    [Fact]
    public void ACorrectionThatSkippedReviewTakesTheReviewLabelAway()
    {
        var session = ReviewedSession();
        var answer = ReviewedAnswer(session);

        answer.Correct(Rendered("接种率为 35%"), "更正数据", Now);

        Assert.Null(answer.ReviewedBy);
    }

    private static InterviewSession ReviewedSession()
    {
        var session = SessionIn(InterviewStatus.Live);
        session.RequireReview(true, Now);
        return session;
    }

    private static TranscriptEntry ReviewedAnswer(InterviewSession session) =>
        EntryDraft.Submit(session, EntryKind.Guest, "李卫东", Rendered("接种率为 30%"), "typist@example.gov.cn", Now).Approve(session, Reviewer, Now);
}
