using System.Globalization;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Web.Text;

namespace Interview.Tests.Text;

/// <summary>
/// Sentences about a session's state read in both languages (issue 13: 「访谈已已取消」, 「访谈已文字实录」 and
/// 「本场访谈文字实录，不再接受提问」 came from putting a status's name where a phrase belongs).
/// </summary>
public sealed class StatePhraseTests
{
    [Theory]
    [InlineData(InterviewStatus.Cancelled, "zh-CN", "本场访谈已经取消，不再接受提问。")]
    [InlineData(InterviewStatus.Published, "zh-CN", "本场访谈已发布文字实录，不再接受提问。")]
    [InlineData(InterviewStatus.Ended, "zh-CN", "本场访谈已经结束，不再接受提问。")]
    [InlineData(InterviewStatus.Published, "en", "This interview is published as a transcript and no longer takes questions.")]
    public void AClosedSessionsRefusalReads(InterviewStatus status, string culture, string expected) =>
        Assert.Equal(expected, ErrorText.Word(SiteErrorCodes.QuestionsClosed, [new SessionState(status)], CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void NoStateSentenceDoublesItsWordsInAnyState()
    {
        foreach (var status in Enum.GetValues<InterviewStatus>())
        {
            var zh = ErrorText.Word(ErrorCodes.TimesClosed, [new SessionState(status)], CultureInfo.GetCultureInfo("zh-CN"));
            Assert.DoesNotContain("已已", zh, StringComparison.Ordinal);
            Assert.StartsWith("访谈" + DisplayNames.StatePhrase(status, CultureInfo.GetCultureInfo("zh-CN")), zh, StringComparison.Ordinal);
            Assert.DoesNotContain("(status", ErrorText.Word(ErrorCodes.TimesClosed, [new SessionState(status)], CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        }
    }
}
