using Interview.Domain;
using Interview.Domain.Interviews;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

public class TranscriptTests
{
    [Fact]
    public void EntriesAreNumberedFromOneWithoutGaps()
    {
        var session = SessionIn(InterviewStatus.Live);

        var seqs = Enumerable.Range(0, 5)
            .Select(i => session.AppendEntry(EntryKind.Host, null, Rendered($"第{i}段"), Now.AddMinutes(i)).Seq)
            .ToList();

        Assert.Equal([1, 2, 3, 4, 5], seqs);
        Assert.Equal(5, session.LastSeq);
    }

    [Theory]
    [InlineData(InterviewStatus.Draft)]
    [InlineData(InterviewStatus.Scheduled)]
    [InlineData(InterviewStatus.Ended)]
    [InlineData(InterviewStatus.Published)]
    [InlineData(InterviewStatus.Cancelled)]
    public void LiveEntriesArePublishedOnlyWhileLive(InterviewStatus status)
    {
        var session = SessionIn(status);

        Assert.Throws<DomainException>(() => session.AppendEntry(EntryKind.Host, null, Rendered("开场"), Now));
        Assert.Equal(0, session.LastSeq);
    }

    [Fact]
    public void FollowUpAnswersComeOnlyAfterTheSessionEnded()
    {
        var live = SessionIn(InterviewStatus.Live);
        Assert.Throws<DomainException>(() => live.AppendEntry(EntryKind.FollowUp, "市疾控中心", Rendered("答复"), Now));

        var ended = SessionIn(InterviewStatus.Ended);
        var entry = ended.AppendEntry(EntryKind.FollowUp, "市疾控中心", Rendered("答复"), Now);
        Assert.Equal(1, entry.Seq);
        Assert.Equal("会后答复 市疾控中心", entry.SpeakerLabel);
    }

    [Theory]
    [InlineData(EntryKind.Host, "", "主持人")]
    [InlineData(EntryKind.Guest, "李卫东", "嘉宾 李卫东")]
    [InlineData(EntryKind.Question, "市民小王", "网友 市民小王")]
    public void SpeakerLabelsFollowPortalPractice(EntryKind kind, string speaker, string label)
    {
        var session = SessionIn(InterviewStatus.Live);
        var entry = session.AppendEntry(kind, speaker, Rendered("内容"), Now);
        Assert.Equal(label, entry.SpeakerLabel);
    }

    [Fact]
    public void GuestAnswersNeedTheGuestsName()
    {
        var session = SessionIn(InterviewStatus.Live);
        Assert.Throws<DomainException>(() => session.AppendEntry(EntryKind.Guest, " ", Rendered("回答"), Now));
    }

    [Fact]
    public void AnEntryCannotBeCreditedToAGuestOfAnotherSession()
    {
        var session = SessionIn(InterviewStatus.Live);
        Assert.Throws<DomainException>(() => session.AppendEntry(EntryKind.Guest, "别人", Rendered("回答"), Now, guestId: 999));
    }

    [Fact]
    public void EmptyEntryIsRefused()
    {
        var session = SessionIn(InterviewStatus.Live);
        Assert.Throws<DomainException>(() => session.AppendEntry(EntryKind.Host, null, Rendered("  "), Now));
    }

    [Fact]
    public void CorrectionKeepsTheNumberAndTheEarlierWording()
    {
        var session = SessionIn(InterviewStatus.Live);
        var entry = session.AppendEntry(EntryKind.Guest, "李卫东", Rendered("接种率为 30%"), Now);

        entry.Correct(Rendered("接种率为 35%"), "更正数据", Now.AddMinutes(5));
        entry.Correct(Rendered("接种率约为 35%"), "", Now.AddMinutes(9));

        Assert.Equal(1, entry.Seq);
        Assert.Equal("接种率约为 35%", entry.Markdown);
        Assert.Equal(Now.AddMinutes(9), entry.CorrectedAt);
        Assert.Collection(entry.Revisions,
            first =>
            {
                Assert.Equal("接种率为 30%", first.Markdown);
                Assert.Equal(Now, first.PublishedAt);
                Assert.Equal(Now.AddMinutes(5), first.ReplacedAt);
                Assert.Equal("更正数据", first.Note);
            },
            second =>
            {
                Assert.Equal("接种率为 35%", second.Markdown);
                Assert.Equal(Now.AddMinutes(5), second.PublishedAt);
            });
    }

    [Fact]
    public void CorrectionToTheSameWordingIsRefused()
    {
        var session = SessionIn(InterviewStatus.Live);
        var entry = session.AppendEntry(EntryKind.Host, null, Rendered("开场"), Now);
        Assert.Throws<DomainException>(() => entry.Correct(Rendered("开场"), null, Now));
        Assert.Empty(entry.Revisions);
    }
}
