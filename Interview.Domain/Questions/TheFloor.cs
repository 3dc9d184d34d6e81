namespace Interview.Domain.Questions;

/// <summary>
/// The question on the floor (正在回答): of the questions put to the guests, the one put longest ago that is still
/// waiting for its answer. One rule for the host console (what Alt+A marks answered) and the public live page (the
/// 正在回答 marker), so that the two never disagree.
/// </summary>
public static class TheFloor
{
    /// <param name="questions">Approved and answered questions.</param>
    /// <param name="askedSeq">The seq of the entry that put the question to the guests, or null if never put.</param>
    /// <param name="status">The question's status: an answered one has left the floor.</param>
    public static T? Of<T>(IEnumerable<T> questions, Func<T, int?> askedSeq, Func<T, QuestionStatus> status)
        where T : class => questions
        .Where(q => askedSeq(q) is not null && status(q) != QuestionStatus.Answered)
        .MinBy(askedSeq);
}
