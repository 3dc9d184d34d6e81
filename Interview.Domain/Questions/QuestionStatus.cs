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
}
