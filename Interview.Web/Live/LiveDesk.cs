using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Public;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Live;

/// <summary>The session the consoles work on; <see cref="IsRehearsal"/>: a rehearsal (彩排), marked so in every console.</summary>
public sealed record DeskSession(int Id, string Title, InterviewStatus Status, bool RequiresReview, IReadOnlyList<GuestView> Guests, bool IsRehearsal = false);

/// <summary>
/// An approved question as the host sees it: whether it was put to the guests yet, and whether answered. Personal data
/// the moderator kept is masked here as in every staff view (<see cref="PersonalData"/> says there was some); the words
/// as approved need an audited reveal (<see cref="Questions.Moderation.RevealTextAsync"/>).
/// </summary>
public sealed record DeskQuestion(
    int Id, string Nickname, string Text, QuestionStatus Status, DateTimeOffset SubmittedAt, int? AskedSeq, bool PersonalData = false, int MeToo = 0);

/// <summary>A session someone is assigned to, with the roles they hold in it.</summary>
public sealed record MySession(int Id, string Title, InterviewStatus Status, DateTimeOffset ScheduledStart, IReadOnlyList<StaffRole> Roles);

/// <summary>What the host, typist and reviewer consoles read: the session, and the approved questions.</summary>
public sealed class LiveDesk(IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions)
{
    /// <summary>The sessions the actor is assigned to that are not over yet, soonest first: where their consoles are.</summary>
    public async Task<IReadOnlyList<MySession>> MySessionsAsync(StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var assigned = await db.Assignments.Where(a => a.StaffId == actor.Id).ToListAsync();
        var ids = assigned.Select(a => a.InterviewId).Distinct().ToList();
        var sessions = await db.Interviews.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Status != InterviewStatus.Published && i.Status != InterviewStatus.Cancelled)
            .OrderBy(i => i.ScheduledStart).ToListAsync();
        return sessions.Select(s => new MySession(s.Id, s.Title, s.Status, s.ScheduledStart,
            assigned.Where(a => a.InterviewId == s.Id).Select(a => a.Role).Order().ToList())).ToList();
    }

    public async Task<DeskSession> SessionAsync(StaffActor actor, int interviewId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host, StaffRole.Typist, StaffRole.Reviewer);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.Interviews.AsNoTracking().SingleOrDefaultAsync(i => i.Id == interviewId)
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, interviewId);
        return new DeskSession(session.Id, session.Title, session.Status, session.RequiresReview,
            session.Guests.OrderBy(g => g.SortOrder).Select(g => new GuestView(g.Id, g.Name, g.Position, g.Organization, g.Bio, g.PhotoUrl)).ToList(),
            session.IsRehearsal);
    }

    /// <summary>Approved and answered questions, oldest first, with the seq of the entry that put each to the guests.</summary>
    public async Task<IReadOnlyList<DeskQuestion>> QuestionsAsync(StaffActor actor, int interviewId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host, StaffRole.Typist, StaffRole.Reviewer);
        await using var db = await contexts.CreateDbContextAsync();
        var asked = await db.Entries.Where(e => e.InterviewId == interviewId && e.Kind == EntryKind.Question && e.QuestionId != null)
            .Select(e => new { QuestionId = e.QuestionId!.Value, e.Seq }).ToListAsync();
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.InterviewId == interviewId && (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered))
            .OrderBy(q => q.SubmittedAt).ToListAsync();
        var meToo = await Questions.MeToos.CountsAsync(db, questions.Select(q => q.Id).ToList());
        return questions.Select(q =>
        {
            var (nickname, text) = (Domain.Screening.PersonalData.Mask(q.Nickname), Domain.Screening.PersonalData.Mask(q.Text));
            return new DeskQuestion(q.Id, nickname, text, q.Status, q.SubmittedAt, asked.FirstOrDefault(a => a.QuestionId == q.Id)?.Seq,
                nickname != q.Nickname || text != q.Text, meToo.GetValueOrDefault(q.Id));
        }).ToList();
    }
}
