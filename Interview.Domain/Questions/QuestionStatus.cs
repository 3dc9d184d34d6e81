namespace Interview.Domain.Questions;

public enum QuestionStatus
{
    /// <summary>待审: waiting for a moderator; never public.</summary>
    Pending,
    /// <summary>已采用: approved and public.</summary>
    Approved,
    /// <summary>未采用: rejected with a reason; never public.</summary>
    Rejected,
    /// <summary>已合并: a duplicate folded into another question.</summary>
    Merged,
    /// <summary>已答复: answered, live or afterwards.</summary>
    Answered,
}

/// <summary>Why a question was not used; the asker sees the category on the receipt.</summary>
public enum RejectReason
{
    Duplicate,
    OffTopic,
    PersonalData,
    Abusive,
    Other,
}

public static class QuestionStatusNames
{
    /// <summary>Whether a moderator may still decide on the question (approve, reject, merge it): only while it waits.</summary>
    public static bool AwaitsDecision(this QuestionStatus status) => status == QuestionStatus.Pending;

    /// <summary>The status as askers and staff read it: 待审, 已采用, 未采用, 已合并, 已答复.</summary>
    public static string DisplayName(this QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => "待审",
        QuestionStatus.Approved => "已采用",
        QuestionStatus.Rejected => "未采用",
        QuestionStatus.Merged => "已合并",
        QuestionStatus.Answered => "已答复",
        _ => status.ToString(),
    };

    /// <summary>The reason category in words: 重复, 与主题无关, 含个人信息, 不文明用语, 其他.</summary>
    public static string DisplayName(this RejectReason reason) => reason switch
    {
        RejectReason.Duplicate => "重复",
        RejectReason.OffTopic => "与主题无关",
        RejectReason.PersonalData => "含个人信息",
        RejectReason.Abusive => "不文明用语",
        RejectReason.Other => "其他",
        _ => reason.ToString(),
    };
}
