using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Public;

/// <summary>
/// Question → answer pairs of one session: which entry put each question to the guests, which entries answer it, and
/// the question on the floor. Read for the whole session at once, so that a page of entries (after a seq) still links
/// to a question before it and to answers after it.
/// </summary>
internal sealed class EntryPairs
{
    private readonly Dictionary<int, int> _askedSeq;
    private readonly ILookup<int, int> _answerSeqs;
    private readonly Dictionary<int, AnsweredQuestion> _unasked;

    private EntryPairs(Dictionary<int, int> askedSeq, ILookup<int, int> answerSeqs, Dictionary<int, AnsweredQuestion> unasked, int? floorSeq)
    {
        _askedSeq = askedSeq;
        _answerSeqs = answerSeqs;
        _unasked = unasked;
        FloorSeq = floorSeq;
    }

    /// <summary>The seq of the question being answered (正在回答), when the session is live.</summary>
    public int? FloorSeq { get; }

    public static async Task<EntryPairs> ReadAsync(InterviewDbContext db, int interviewId, bool live, CancellationToken cancellationToken)
    {
        var linked = await db.Entries.AsNoTracking().Where(e => e.InterviewId == interviewId && e.QuestionId != null)
            .OrderBy(e => e.Seq).Select(e => new { QuestionId = e.QuestionId!.Value, e.Seq, e.Kind }).ToListAsync(cancellationToken);
        // A question put twice (it happens: the host repeats it) links to where it was first put.
        var askedSeq = linked.Where(e => e.Kind == EntryKind.Question).GroupBy(e => e.QuestionId)
            .ToDictionary(g => g.Key, g => g.Min(e => e.Seq));
        var answers = linked.Where(e => e.Kind is EntryKind.Guest or EntryKind.FollowUp).ToList();
        var unaskedIds = answers.Select(e => e.QuestionId).Where(id => !askedSeq.ContainsKey(id)).Distinct().ToList();
        var wanted = live ? askedSeq.Keys.Concat(unaskedIds).ToList() : unaskedIds;
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.InterviewId == interviewId && wanted.Contains(q.Id)
                && (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered))
            .Select(q => new { q.Id, q.Nickname, q.Text, q.Status }).ToListAsync(cancellationToken);
        var unasked = questions.Where(q => unaskedIds.Contains(q.Id)).ToDictionary(q => q.Id, q => new AnsweredQuestion(q.Id, q.Nickname, q.Text));
        var floor = live
            ? TheFloor.Of(questions.Where(q => askedSeq.ContainsKey(q.Id)).ToList(), q => askedSeq[q.Id], q => q.Status)
            : null;
        return new EntryPairs(askedSeq, answers.ToLookup(e => e.QuestionId, e => e.Seq), unasked,
            floor is null ? null : askedSeq[floor.Id]);
    }

    /// <summary>The entry with its links: an answer to its question, a question to its answers and whether it is on the floor.</summary>
    public EntryView Link(EntryView entry)
    {
        if (entry.QuestionId is not { } questionId)
        {
            return entry;
        }
        if (entry.Kind == EntryKind.Question)
        {
            return _askedSeq.GetValueOrDefault(questionId) != entry.Seq ? entry : entry with
            {
                AnswerSeqs = [.. _answerSeqs[questionId]],
                OnTheFloor = entry.Seq == FloorSeq,
            };
        }
        return !entry.IsAnswer ? entry : entry with
        {
            QuestionSeq = _askedSeq.TryGetValue(questionId, out var seq) ? seq : null,
            UnaskedQuestion = _unasked.GetValueOrDefault(questionId),
        };
    }
}
