using Interview.Domain.Interviews;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

/// <summary>The session's change counter (the stream's cursor): publications and corrections take its numbers in turn.</summary>
public class EntryCursorTests
{
    [Fact]
    public void PublicationsAndCorrectionsTakeTheSessionsNextChangeNumberInTurn()
    {
        var session = SessionIn(InterviewStatus.Live);
        var first = session.AppendEntry(EntryKind.Host, null, Rendered("开场"), Now);
        var second = session.AppendEntry(EntryKind.Host, null, Rendered("第二段"), Now);

        first.Correct(Rendered("开场（更正）"), "更正", Now.AddMinutes(1));
        session.RecordCorrection(first, Now.AddMinutes(1));
        var third = session.AppendEntry(EntryKind.Host, null, Rendered("第三段"), Now.AddMinutes(2));

        Assert.Equal((3, 2, 4), (first.Change, second.Change, third.Change));
        Assert.Equal((4, 3), (session.LastChange, session.LastSeq));
    }
}
