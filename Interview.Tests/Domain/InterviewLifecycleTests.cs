using Interview.Domain;
using Interview.Domain.Interviews;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

public class InterviewLifecycleTests
{
    private static readonly (InterviewStatus From, InterviewStatus To)[] Legal =
    [
        (InterviewStatus.Draft, InterviewStatus.Scheduled),
        (InterviewStatus.Draft, InterviewStatus.Cancelled),
        (InterviewStatus.Scheduled, InterviewStatus.Live),
        (InterviewStatus.Scheduled, InterviewStatus.Cancelled),
        (InterviewStatus.Live, InterviewStatus.Ended),
        (InterviewStatus.Ended, InterviewStatus.Published),
    ];

    public static TheoryData<InterviewStatus, InterviewStatus> LegalMoves()
    {
        var data = new TheoryData<InterviewStatus, InterviewStatus>();
        foreach (var (from, to) in Legal)
        {
            data.Add(from, to);
        }
        return data;
    }

    public static TheoryData<InterviewStatus, InterviewStatus> IllegalMoves()
    {
        var data = new TheoryData<InterviewStatus, InterviewStatus>();
        foreach (var from in Enum.GetValues<InterviewStatus>())
        {
            foreach (var to in Enum.GetValues<InterviewStatus>())
            {
                if (!Legal.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void LegalMoveChangesTheStatus(InterviewStatus from, InterviewStatus to)
    {
        var session = SessionIn(from);

        session.TransitionTo(to, Now.AddHours(2));

        Assert.Equal(to, session.Status);
        Assert.Equal(Now.AddHours(2), session.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void IllegalMoveFailsAndLeavesTheStatusAlone(InterviewStatus from, InterviewStatus to)
    {
        var session = SessionIn(from);

        var error = Assert.Throws<IllegalTransitionException>(() => session.TransitionTo(to, Now));

        Assert.Equal(from, session.Status);
        Assert.Equal(from, error.From);
        Assert.Contains(global::Interview.Web.Text.DisplayNames.Of(from, global::Interview.Web.Text.SiteCultures.Neutral), global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    [Fact]
    public void ThereAreThirtySixMovesOfWhichSixAreLegal()
    {
        Assert.Equal(30, IllegalMoves().Count);
        Assert.Equal(6, LegalMoves().Count);
    }

    [Fact]
    public void SchedulingNeedsAGuest()
    {
        var session = Session();

        var error = Assert.Throws<DomainException>(() => session.TransitionTo(InterviewStatus.Scheduled, Now));

        Assert.Contains("嘉宾", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Equal(InterviewStatus.Draft, session.Status);
    }

    [Fact]
    public void TransitionsRecordWhenTheSessionStartedEndedAndWasPublished()
    {
        var session = SessionIn(InterviewStatus.Scheduled);
        session.TransitionTo(InterviewStatus.Live, Now.AddMinutes(1));
        session.TransitionTo(InterviewStatus.Ended, Now.AddMinutes(61));
        session.TransitionTo(InterviewStatus.Published, Now.AddDays(1));

        Assert.Equal(Now.AddMinutes(1), session.StartedAt);
        Assert.Equal(Now.AddMinutes(61), session.EndedAt);
        Assert.Equal(Now.AddDays(1), session.PublishedAt);
    }

    [Fact]
    public void NextStatesOfferOnlyLegalMoves()
    {
        Assert.Equal([InterviewStatus.Live, InterviewStatus.Cancelled], SessionIn(InterviewStatus.Scheduled).NextStates);
        Assert.Empty(SessionIn(InterviewStatus.Published).NextStates);
    }

    [Fact]
    public void EndBeforeStartIsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            InterviewSession.Create(1, "标题", null, Now, Now.AddMinutes(-1), Now));
        Assert.Contains("结束时间", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyTitleIsRefused(string title) =>
        Assert.Throws<DomainException>(() => InterviewSession.Create(1, title, null, Now, Now.AddHours(1), Now));

    [Fact]
    public void OverLongTitleIsRefused() =>
        Assert.Throws<DomainException>(() =>
            InterviewSession.Create(1, new string('长', InterviewSession.MaxTitleLength + 1), null, Now, Now.AddHours(1), Now));

    [Fact]
    public void ReschedulingALiveSessionIsRefused()
    {
        var session = SessionIn(InterviewStatus.Live);
        Assert.Throws<DomainException>(() => session.Reschedule(Now, Now.AddHours(2), Now));
    }
}
