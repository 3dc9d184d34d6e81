using Interview.Domain;
using Interview.Domain.Interviews;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

/// <summary>Background (访谈背景) before the session, summary (访谈摘要) after it, and the reviewing unit (审核单位).</summary>
public class SessionTextsTests
{
    [Fact]
    public void ANewSessionIsDescribedByItsBackgroundAndHasNoSummaryYet()
    {
        var session = InterviewSession.Create(1, "标题", Rendered("本期背景"), Now, Now.AddHours(1), Now);

        Assert.Equal(("本期背景", ""), (session.BackgroundMarkdown, session.SummaryMarkdown));
        Assert.Contains("本期背景", session.BackgroundHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InterviewStatus.Ended)]
    [InlineData(InterviewStatus.Published)]
    public void TheSummaryIsWrittenAfterTheSessionAndLeavesTheBackgroundAsItWas(InterviewStatus status)
    {
        var session = SessionIn(status);

        session.Describe(session.Title, Rendered(session.BackgroundMarkdown), Rendered("会后摘要"), Now.AddDays(2));

        Assert.Equal(("背景材料", "会后摘要"), (session.BackgroundMarkdown, session.SummaryMarkdown));
        Assert.Equal(Now.AddDays(2), session.UpdatedAt);
    }

    [Theory]
    [InlineData(InterviewStatus.Draft, false)]
    [InlineData(InterviewStatus.Scheduled, false)]
    [InlineData(InterviewStatus.Live, false)]
    [InlineData(InterviewStatus.Ended, true)]
    [InlineData(InterviewStatus.Published, true)]
    [InlineData(InterviewStatus.Cancelled, false)]
    public void ThePublicReadsTheSummaryOnlyOnceTheSessionIsOver(InterviewStatus status, bool summary) =>
        Assert.Equal(summary, status.ShowsSummary());

    [Fact]
    public void ATooLongBackgroundIsRefusedByName()
    {
        var session = Session();

        var refused = Assert.Throws<DomainException>(() => session.Describe(
            "标题", Rendered(new string('长', InterviewSession.MaxSummaryLength + 1)), RenderedText.Empty, Now));

        Assert.Equal(ErrorCodes.FieldTooLong, refused.Code);
        Assert.Equal(ErrorCodes.FieldInterviewBackground, refused.Arguments.OfType<ErrorTerm>().Single().Code);
    }

    [Fact]
    public void TheReviewingUnitIsTrimmedAndCanBeCleared()
    {
        var session = SessionIn(InterviewStatus.Published);

        session.NameReviewUnit("  市卫生健康委员会  ", Now);
        Assert.Equal("市卫生健康委员会", session.ReviewUnit);
        session.NameReviewUnit(null, Now);
        Assert.Equal("", session.ReviewUnit);
        Assert.Throws<DomainException>(() => session.NameReviewUnit(new string('单', InterviewSession.MaxReviewUnitLength + 1), Now));
    }
}
