using Interview.Domain.Questions;

namespace Interview.Tests.Domain;

/// <summary>The question on the floor (正在回答), the one rule of the host console and the public live page.</summary>
public sealed class TheFloorTests
{
    private sealed record Put(string Name, int? AskedSeq, QuestionStatus Status);

    [Fact]
    public void TheFloorIsTheQuestionPutFirstThatIsStillWaitingForItsAnswer()
    {
        Put[] questions =
        [
            new("never put", null, QuestionStatus.Approved),
            new("answered", 2, QuestionStatus.Answered),
            new("put later", 9, QuestionStatus.Approved),
            new("put first, waiting", 5, QuestionStatus.Approved),
        ];

        Assert.Equal("put first, waiting", TheFloor.Of(questions, q => q.AskedSeq, q => q.Status)?.Name);
    }

    [Fact]
    public void NothingIsOnTheFloorWhenEveryQuestionPutIsAnswered()
    {
        Put[] questions = [new("never put", null, QuestionStatus.Approved), new("answered", 3, QuestionStatus.Answered)];

        Assert.Null(TheFloor.Of(questions, q => q.AskedSeq, q => q.Status));
    }
}
