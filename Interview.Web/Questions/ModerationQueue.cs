using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Questions;

/// <summary>Which flags a question in the queue must (not) carry.</summary>
public enum FlagFilter
{
    All,
    Flagged,
    SensitiveWord,
    PersonalData,
    Unflagged,
}

/// <summary>A view of the queue: a status (null: every status) and a flag filter.</summary>
public sealed record QueueFilter(QuestionStatus? Status, FlagFilter Flags);

/// <summary>
/// The first <see cref="Items"/> of a filtered queue, how many match in all (<see cref="Total"/>), and how many
/// questions the session has in each status, whatever the filter.
/// </summary>
public sealed record QueuePage(IReadOnlyList<ModerationItem> Items, int Total, IReadOnlyDictionary<QuestionStatus, int> Counts)
{
    public int CountOf(QuestionStatus? status) =>
        status is { } wanted ? Counts.GetValueOrDefault(wanted) : Counts.Values.Sum();
}

/// <summary>A session as the moderation console heads it, with how many questions wait.</summary>
public sealed record ModerationSession(int Id, string Title, InterviewStatus Status, int Pending);

/// <summary>
/// What the moderation console reads, in pages: at 200 questions a second a session holds thousands, and a console
/// reloading a few times a second must not read (or render) all of them. <see cref="Moderation.ListAsync"/> stays the
/// whole-list read for the API. Decisions go through <see cref="Moderation"/>.
/// </summary>
public sealed class ModerationQueue(IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, StaffNames staff)
{
    /// <summary>Who reads a session's queue: admins and moderators every session's, hosts only their own sessions'.</summary>
    internal static readonly StaffRole[] Readers = [.. StaffCapability.ReadQuestions.RolesFor()];

    /// <summary>The same, as a session asks it (admins pass anyway; moderators are not assigned per session).</summary>
    internal static readonly StaffRole[] SessionReaders = [StaffRole.Moderator, StaffRole.Host];

    /// <summary>Sessions that take questions now, or still have some waiting, soonest first; for a host, only theirs.</summary>
    public async Task<IReadOnlyList<ModerationSession>> SessionsAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, Readers);
        var roles = await permissions.RolesAsync(actor.Id);
        var only = roles.Contains(StaffRole.Admin) || roles.Contains(StaffRole.Moderator) ? null : await permissions.AssignedSessionsAsync(actor, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var pending = await db.Questions.Where(q => q.Status == QuestionStatus.Pending)
            .GroupBy(q => q.InterviewId).Select(g => new { InterviewId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.InterviewId, g => g.Count);
        var ids = pending.Keys.ToList();
        var sessions = await db.Interviews.AsNoTracking()
            .Where(i => i.Status == InterviewStatus.Scheduled || i.Status == InterviewStatus.Live || ids.Contains(i.Id))
            .OrderBy(i => i.ScheduledStart).Select(i => new { i.Id, i.Title, i.Status }).ToListAsync();
        return sessions.Where(s => only is null || only.Contains(s.Id))
            .Select(s => new ModerationSession(s.Id, s.Title, s.Status, pending.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<ModerationSession> SessionAsync(StaffActor actor, int interviewId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, SessionReaders);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.Interviews.AsNoTracking().Where(i => i.Id == interviewId)
            .Select(i => new { i.Id, i.Title, i.Status }).SingleOrDefaultAsync()
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, interviewId);
        var pending = await db.Questions.CountAsync(q => q.InterviewId == interviewId && q.Status == QuestionStatus.Pending);
        return new ModerationSession(session.Id, session.Title, session.Status, pending);
    }

    /// <summary>
    /// The first <paramref name="take"/> questions matching <paramref name="filter"/>: the waiting ones oldest first
    /// (first come, first screened), any other view newest first.
    /// </summary>
    public async Task<QueuePage> PageAsync(StaffActor actor, int interviewId, QueueFilter filter, int take)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await permissions.EnsureForSessionAsync(actor, interviewId, SessionReaders);
        await using var db = await contexts.CreateDbContextAsync();
        var counts = await db.Questions.Where(q => q.InterviewId == interviewId)
            .GroupBy(q => q.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count);
        var query = Filtered(db.Questions.AsNoTracking().Where(q => q.InterviewId == interviewId), filter);
        var total = await query.CountAsync();
        var ordered = filter.Status == QuestionStatus.Pending
            ? query.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id)
            : query.OrderByDescending(q => q.SubmittedAt).ThenByDescending(q => q.Id);
        var questions = await ordered.Take(take).ToListAsync();
        var keys = questions.Select(q => q.ClientKey).OfType<string>().Distinct().ToList();
        var blocked = (await db.ClientBlocks.Where(b => (b.InterviewId == interviewId || b.InterviewId == null) && keys.Contains(b.ClientKey))
            .Select(b => b.ClientKey).ToListAsync()).ToHashSet();
        var tallies = await Tallies.ReadAsync(db, questions.Select(q => q.Id).ToList());
        var names = await staff.LookUpAsync(questions.Select(q => q.DecidedBy));
        return new QueuePage(questions.Select(q => ToItem(q, blocked, tallies, names)).ToList(), total, counts);
    }

    /// <summary>One question as the queue shows it, e.g. to name the decision that beat the actor's own.</summary>
    public async Task<ModerationItem> ItemAsync(StaffActor actor, int questionId)
    {
        await permissions.EnsureAsync(actor, Readers);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == questionId)
            ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotFound);
        await permissions.EnsureForSessionAsync(actor, question.InterviewId, SessionReaders);
        var blocked = question.ClientKey is { } key
            && await db.ClientBlocks.AnyAsync(b => (b.InterviewId == question.InterviewId || b.InterviewId == null) && b.ClientKey == key);
        var tallies = await Tallies.ReadAsync(db, [question.Id]);
        return ToItem(question, blocked ? new HashSet<string> { question.ClientKey! } : new HashSet<string>(), tallies,
            await staff.LookUpAsync([question.DecidedBy]));
    }

    private static IQueryable<Question> Filtered(IQueryable<Question> query, QueueFilter filter)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(q => q.Status == status);
        }
        return filter.Flags switch
        {
            FlagFilter.Flagged => query.Where(q => q.Flags.Any()),
            FlagFilter.Unflagged => query.Where(q => !q.Flags.Any()),
            FlagFilter.SensitiveWord => query.Where(q => q.Flags.Any(f => f.Kind == FlagKind.SensitiveWord)),
            FlagFilter.PersonalData => query.Where(q => q.Flags.Any(f => f.Kind == FlagKind.PersonalData)),
            _ => query,
        };
    }

    /// <summary>
    /// A question as staff see it: the phone, and personal data in the nickname and words, masked; whether its sender is
    /// in <paramref name="blocked"/>; its 同问 and merged-duplicate counts from <paramref name="tallies"/>; the moderator
    /// who decided by display name from <paramref name="names"/> (the question records their e-mail).
    /// </summary>
    internal static ModerationItem ToItem(Question q, IReadOnlySet<string> blocked, Tallies tallies, StaffNameBook names)
    {
        var (nickname, text, original) = (PersonalData.Mask(q.Nickname), PersonalData.Mask(q.Text), PersonalData.Mask(q.OriginalText));
        return new(q.Id, nickname, text, original, q.Status, q.SubmittedAt, q.DecidedBy is null ? null : names.Of(q.DecidedBy), q.Flags, Moderation.MaskPhone(q.Phone),
            q.DecidedAt, q.RejectReason, q.DecisionNote, q.MergedIntoId, q.ClientKey is { } key && blocked.Contains(key),
            PersonalData: nickname != q.Nickname || text != q.Text || original != q.OriginalText, MeToo: tallies.MeToo.GetValueOrDefault(q.Id),
            Merged: tallies.Merged.GetValueOrDefault(q.Id));
    }
}

/// <summary>
/// What staff see counted on each question: its 同问 voices, and the duplicates merged into it (questions whose
/// <see cref="Question.MergedIntoId"/> names it), each read for the whole page at once.
/// </summary>
internal sealed record Tallies(IReadOnlyDictionary<int, int> MeToo, IReadOnlyDictionary<int, int> Merged)
{
    public static async Task<Tallies> ReadAsync(InterviewDbContext db, IReadOnlyCollection<int> questionIds)
    {
        var meToo = await MeToos.CountsAsync(db, questionIds);
        if (questionIds.Count == 0)
        {
            return new(meToo, new Dictionary<int, int>());
        }
        var merged = await db.Questions.Where(q => q.MergedIntoId != null && questionIds.Contains(q.MergedIntoId.Value))
            .GroupBy(q => q.MergedIntoId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        return new(meToo, merged);
    }
}
