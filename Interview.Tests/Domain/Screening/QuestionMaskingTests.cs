using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain.Screening;

public class QuestionMaskingTests
{
    [Fact]
    public void ApprovalMasksPersonalDataByDefaultAndKeepsTheOriginal()
    {
        var question = Question(text: "我的电话13800138000，能回电吗？");

        question.Approve("审核员甲", null, Now);

        Assert.Equal("我的电话138****8000，能回电吗？", question.Text);
        Assert.Equal("我的电话13800138000，能回电吗？", question.OriginalText);
    }

    [Fact]
    public void ApprovalMasksAnEditedTextToo()
    {
        var question = Question(text: "原文");

        question.Approve("审核员甲", "邮箱 zhang.san@example.com 收不到通知", Now);

        Assert.Equal("邮箱 z***@example.com 收不到通知", question.Text);
    }

    [Fact]
    public void AModeratorCanKeepPersonalDataExplicitly()
    {
        var question = Question(text: "单位热线是13800138000吗？");

        question.Approve("审核员甲", null, Now, keepPersonalData: true);

        Assert.Equal("单位热线是13800138000吗？", question.Text);
    }

    [Fact]
    public void ANicknameWithAPhoneNumberIsMaskedOnApproval()
    {
        var question = global::Interview.Domain.Questions.Question.Submit(1, "RECEIPT00001", "网友13800138000", "问题", null, Now);

        question.Approve("审核员甲", null, Now);

        Assert.Equal("网友138****8000", question.Nickname);
    }
}
