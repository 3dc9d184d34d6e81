using Interview.Domain;
using Interview.Domain.Questions;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

public class QuestionTests
{
    [Fact]
    public void ANewQuestionIsPendingAndNotPublic()
    {
        var question = Question();
        Assert.Equal(QuestionStatus.Pending, question.Status);
        Assert.False(question.IsPublic);
    }

    [Fact]
    public void ApprovalWithAnEditKeepsTheOriginal()
    {
        var question = Question(text: "老人 什么时候 打流感疫苗？？");

        question.Approve("审核员甲", "老人什么时候接种流感疫苗？", Now);

        Assert.Equal(QuestionStatus.Approved, question.Status);
        Assert.Equal("老人什么时候接种流感疫苗？", question.Text);
        Assert.Equal("老人 什么时候 打流感疫苗？？", question.OriginalText);
        Assert.Equal("审核员甲", question.DecidedBy);
        Assert.True(question.IsPublic);
    }

    [Fact]
    public void ApproveFailsWhenQuestionWasAlreadyRejected()
    {
        var question = Question();
        question.Reject("审核员甲", RejectReason.OffTopic, "与本期主题无关", Now);

        var error = Assert.Throws<QuestionAlreadyDecidedException>(() => question.Approve("审核员乙", null, Now.AddSeconds(1)));

        Assert.Equal(QuestionStatus.Rejected, error.Decision);
        Assert.Equal("审核员甲", error.DecidedBy);
        Assert.Contains("审核员甲", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Equal(QuestionStatus.Rejected, question.Status);
    }

    [Fact]
    public void MergeFoldsADuplicateIntoTheSurvivor()
    {
        var survivor = Question();
        var duplicate = Question();
        SetId(survivor, 1);
        SetId(duplicate, 2);
        survivor.Approve("审核员甲", null, Now);

        duplicate.MergeInto(survivor, "审核员甲", Now);

        Assert.Equal(QuestionStatus.Merged, duplicate.Status);
        Assert.Equal(1, duplicate.MergedIntoId);
    }

    [Fact]
    public void AQuestionCannotBeMergedIntoItself()
    {
        var question = Question();
        Assert.Throws<DomainException>(() => question.MergeInto(question, "审核员甲", Now));
    }

    [Fact]
    public void OnlyApprovedQuestionsCanBeAnswered()
    {
        var pending = Question();
        Assert.Throws<DomainException>(() => pending.MarkAnswered(false, Now));

        var approved = Question();
        approved.Approve("审核员甲", null, Now);
        approved.MarkAnswered(later: true, Now.AddDays(2));
        Assert.Equal(QuestionStatus.Answered, approved.Status);
        Assert.True(approved.AnsweredLater);
    }

    [Theory]
    [InlineData("", "问题")]
    [InlineData("小王", "")]
    [InlineData("小王", "   ")]
    public void EmptyNicknameOrTextIsRefused(string nickname, string text) =>
        Assert.Throws<DomainException>(() => global::Interview.Domain.Questions.Question.Submit(1, "r1", nickname, text, null, Now));

    [Fact]
    public void OverLongTextIsRefusedWithTheLimitInTheMessage()
    {
        var error = Assert.Throws<DomainException>(() =>
            global::Interview.Domain.Questions.Question.Submit(1, "r1", "小王", new string('问', global::Interview.Domain.Questions.Question.MaxTextLength + 1), null, Now));
        Assert.Contains(global::Interview.Domain.Questions.Question.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    private static void SetId(Question question, int id) =>
        typeof(Question).GetProperty(nameof(global::Interview.Domain.Questions.Question.Id))!.SetValue(question, id);
}
