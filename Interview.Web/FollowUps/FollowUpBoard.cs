using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Public;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.FollowUps;

/// <summary>Which follow-ups to list: open (overdue ones included), only the overdue, or those answered.</summary>
public enum FollowUpFilter
{
    Open,
    Overdue,
    Answered,
}

/// <summary>A follow-up as staff track it. <see cref="DueDate"/> is the last working day, in site time.</summary>
public sealed record FollowUpItem(
    int QuestionId, int InterviewId, string InterviewTitle, string Nickname, string Text, DateTimeOffset DueAt, DateOnly DueDate,
    bool Overdue, bool DueSoon, DateTimeOffset? AnsweredAt, string? AnswerUrl)
{
    public bool Answered => AnsweredAt is not null;

    /// <summary>Answered, but after the due time.</summary>
    public bool AnsweredLate => AnsweredAt > DueAt;
}

/// <summary>How many follow-ups the person can see are open, overdue, due today or tomorrow, and answered.</summary>
public sealed record FollowUpCounts(int Open, int Overdue, int DueSoon, int Answered);

public sealed record FollowUpList(IReadOnlyList<FollowUpItem> Items, FollowUpCounts Counts);

/// <summary>
/// The follow-up board (会后答复): questions left open when their session ended, across the sessions the person works
/// on: admins see every session; hosts and typists the sessions they are assigned to in one of those roles (where
/// they can open the typist console and answer).
/// </summary>
public sealed class FollowUpBoard(
    IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, FollowUpSchedule schedule, TimeProvider clock)
{
    private static readonly StaffRole[] BoardRoles = [.. StaffCapability.Publish.RolesFor()];

    public async Task<FollowUpList> ListAsync(StaffActor actor, FollowUpFilter filter)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await permissions.EnsureAsync(actor, BoardRoles);
        var roles = await permissions.RolesAsync(actor.Id);
        await using var db = await contexts.CreateDbContextAsync();
        var followUps = db.Questions.AsNoTracking().Where(q => q.FollowUpDueAt != null);
        if (!roles.Contains(StaffRole.Admin))
        {
            var held = BoardRoles.Where(roles.Contains).ToList();
            followUps = followUps.Where(q => db.Assignments.Any(a => a.InterviewId == q.InterviewId && a.StaffId == actor.Id && held.Contains(a.Role)));
        }
        var status = filter == FollowUpFilter.Answered ? QuestionStatus.Answered : QuestionStatus.Approved;
        var rows = await followUps.Where(q => q.Status == status)
            .Join(db.Interviews, q => q.InterviewId, i => i.Id, (q, i) => new { Question = q, i.Title })
            .ToListAsync();
        var now = clock.GetUtcNow();
        Dictionary<int, int> answers = filter == FollowUpFilter.Answered ? await AnswersAsync(db, rows.Select(r => r.Question.Id).ToList()) : [];
        var items = rows.Select(r => Item(r.Question, r.Title, now, answers.GetValueOrDefault(r.Question.Id)))
            .Where(i => filter != FollowUpFilter.Overdue || i.Overdue)
            .ToList();
        items = filter == FollowUpFilter.Answered
            ? [.. items.OrderByDescending(i => i.AnsweredAt).ThenBy(i => i.QuestionId)]
            : [.. items.OrderBy(i => i.DueAt).ThenBy(i => i.InterviewId).ThenBy(i => i.QuestionId)];
        return new FollowUpList(items, await CountsAsync(followUps, now));
    }

    private async Task<FollowUpCounts> CountsAsync(IQueryable<Question> followUps, DateTimeOffset now)
    {
        // Due times of the open ones only: there are few (they get answered), unlike the answered ones over the years.
        var open = await followUps.Where(q => q.Status == QuestionStatus.Approved).Select(q => q.FollowUpDueAt!.Value).ToListAsync();
        var answered = await followUps.CountAsync(q => q.Status == QuestionStatus.Answered);
        return new FollowUpCounts(open.Count, open.Count(due => due < now), open.Count(due => IsDueSoon(due, now)), answered);
    }

    private FollowUpItem Item(Question question, string title, DateTimeOffset now, int? answerSeq)
    {
        var due = question.FollowUpDueAt!.Value;
        var open = question.Status == QuestionStatus.Approved;
        // Masked like every staff view of a question (personal data a moderator kept); the words as written are one
        // audited call away (GET /api/v1/questions/{qid}/unmasked).
        return new FollowUpItem(question.Id, question.InterviewId, title,
            Domain.Screening.PersonalData.Mask(question.Nickname), Domain.Screening.PersonalData.Mask(question.Text), due, schedule.LocalDate(due),
            open && due < now, open && IsDueSoon(due, now), question.AnsweredAt,
            answerSeq is { } seq ? PublicUrls.Entry(question.InterviewId, seq) : null);
    }

    /// <summary>Not overdue yet, but due by the end of tomorrow (site time).</summary>
    private bool IsDueSoon(DateTimeOffset due, DateTimeOffset now) =>
        due >= now && schedule.LocalDate(due) <= schedule.LocalDate(now).AddDays(1);

    /// <summary>The first answer entry (会后答复, or a live answer) of each question, by seq.</summary>
    private static async Task<Dictionary<int, int>> AnswersAsync(InterviewDbContext db, List<int> questionIds)
    {
        if (questionIds.Count == 0)
        {
            return [];
        }
        var entries = await db.Entries
            .Where(e => e.QuestionId != null && questionIds.Contains(e.QuestionId.Value) && (e.Kind == EntryKind.FollowUp || e.Kind == EntryKind.Guest))
            .Select(e => new { QuestionId = e.QuestionId!.Value, e.Seq })
            .ToListAsync();
        return entries.GroupBy(e => e.QuestionId).ToDictionary(g => g.Key, g => g.Min(e => e.Seq));
    }
}
