using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

/// <summary>
/// The predicates the pages ask are the rules the entities guard with: for every state, the page offers an action
/// exactly when the entity would accept it.
/// </summary>
public class StatusPredicateTests
{
    public static TheoryData<InterviewStatus> SessionStates => [.. Enum.GetValues<InterviewStatus>()];

    [Fact]
    public void OnlyADraftOrAnnouncedSessionCanBeRescheduled()
    {
        Assert.Equal([InterviewStatus.Draft, InterviewStatus.Scheduled], Enum.GetValues<InterviewStatus>().Where(s => s.CanReschedule()));
    }

    [Theory]
    [MemberData(nameof(SessionStates))]
    public void RescheduleSucceedsExactlyWhenTheStatusSaysItCan(InterviewStatus status)
    {
        var session = SessionIn(status);

        var error = Record.Exception(() => session.Reschedule(Now.AddDays(2), Now.AddDays(2).AddHours(1), Now));

        Assert.Equal(status.CanReschedule(), error is null);
        if (error is not null)
        {
            Assert.IsType<DomainException>(error);
        }
    }

    [Fact]
    public void OnlyAnEndedOrPublishedSessionTakesFollowUps()
    {
        Assert.Equal([InterviewStatus.Ended, InterviewStatus.Published], Enum.GetValues<InterviewStatus>().Where(s => s.TakesFollowUps()));
    }

    [Theory]
    [MemberData(nameof(SessionStates))]
    public void AFollowUpAnswerIsAcceptedExactlyWhenTheStatusTakesFollowUps(InterviewStatus status)
    {
        var session = SessionIn(status);

        var error = Record.Exception(() => session.AppendEntry(EntryKind.FollowUp, "市疾控中心", Rendered("答复"), Now));

        Assert.Equal(status.TakesFollowUps(), error is null);
    }

    [Fact]
    public void OnlyAPendingQuestionAwaitsADecision()
    {
        Assert.Equal([QuestionStatus.Pending], Enum.GetValues<QuestionStatus>().Where(s => s.AwaitsDecision()));
    }

    [Fact]
    public void ADecidedQuestionNoLongerAwaitsADecisionAndRefusesAnother()
    {
        var question = Question();
        Assert.True(question.Status.AwaitsDecision());

        question.Approve("审核员甲", null, Now);

        Assert.False(question.Status.AwaitsDecision());
        Assert.Throws<QuestionAlreadyDecidedException>(() => question.Reject("审核员乙", RejectReason.Other, null, Now));
    }
}
