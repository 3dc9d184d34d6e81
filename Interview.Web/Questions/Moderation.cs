using Interview.Domain;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Live;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Questions;

/// <summary>
/// A question as staff see it. <see cref="Phone"/> is always masked (138****1234); the full number needs
/// <see cref="Moderation.RevealPhoneAsync"/>, which is audited. Personal data in <see cref="Nickname"/>,
/// <see cref="Text"/> and <see cref="OriginalText"/> is masked the same way (<see cref="PersonalData"/> says whether
/// there was any); the words as written need <see cref="Moderation.RevealTextAsync"/>, audited too.
/// <see cref="ClientBlocked"/> says whether its sender is barred from the session; <see cref="MeToo"/> how many others
/// joined it (同问, <see cref="MeToos"/>); <see cref="Merged"/> how many duplicates were merged into it.
/// </summary>
public sealed record ModerationItem(
    int Id, string Nickname, string Text, string OriginalText, QuestionStatus Status, DateTimeOffset SubmittedAt,
    string? DecidedBy, IReadOnlyList<QuestionFlag> Flags, string? Phone = null, DateTimeOffset? DecidedAt = null,
    RejectReason? RejectReason = null, string? DecisionNote = null, int? MergedIntoId = null, bool ClientBlocked = false,
    bool PersonalData = false, int MeToo = 0, int Merged = 0)
{
    public bool Edited => Text != OriginalText;

    /// <summary>The same question with its words as written, once a reveal allowed it.</summary>
    public ModerationItem Revealed(RevealedText words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return this with { Nickname = words.Nickname, Text = words.Text, OriginalText = words.OriginalText, PersonalData = false };
    }
}

/// <summary>A question's nickname and words unmasked: what <see cref="Moderation.RevealTextAsync"/> returns.</summary>
public sealed record RevealedText(string Nickname, string Text, string OriginalText);

/// <summary>
/// Moderators' decisions (先审后发). Each is compare-and-set: the first decision on a question stands, and a second
/// moderator acting on it gets a conflict naming the first. Every decision is audited; the save announces it after the
/// commit (an approval to the live page's question list and the host console too).
/// </summary>
public sealed class Moderation(
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    WriteGate writes,
    FollowUps.FollowUpSchedule followUps,
    Hosting.SiteTime time,
    StaffNames staff,
    TimeProvider clock)
{
    /// <summary>The session's questions, masked (<see cref="ModerationItem"/>): admins, moderators, and the session's hosts.</summary>
    public async Task<IReadOnlyList<ModerationItem>> ListAsync(StaffActor actor, int interviewId, QuestionStatus? status)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, ModerationQueue.SessionReaders);
        await using var db = await contexts.CreateDbContextAsync();
        var query = db.Questions.AsNoTracking().Where(q => q.InterviewId == interviewId);
        if (status is { } wanted)
        {
            query = query.Where(q => q.Status == wanted);
        }
        var questions = await query.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id).ToListAsync();
        var blocked = (await db.ClientBlocks.Where(b => b.InterviewId == interviewId || b.InterviewId == null).Select(b => b.ClientKey).ToListAsync()).ToHashSet();
        var tallies = await Tallies.ReadAsync(db, questions.Select(q => q.Id).ToList());
        var names = await staff.LookUpAsync(questions.Select(q => q.DecidedBy));
        return questions.Select(q => ModerationQueue.ToItem(q, blocked, tallies, names)).ToList();
    }

    /// <summary>
    /// The full phone number, for roles that call citizens back: admins, and the hosts of the question's session. Every
    /// view is audited.
    /// </summary>
    public async Task<string?> RevealPhoneAsync(StaffActor actor, int questionId)
    {
        await permissions.EnsureAsync(actor, StaffRole.Admin, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.Where(q => q.Id == questionId).Select(q => new { q.InterviewId, q.Phone }).SingleOrDefaultAsync()
            ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotFound);
        await EnsureSessionAsync(actor, question.InterviewId, questionId, "question.phone.view", StaffRole.Host);
        audit.Add(db, actor, "question.phone.view", $"question/{questionId}", question.Phone is null ? "no phone given" : "full number shown");
        await db.SaveChangesAsync();
        return question.Phone;
    }

    /// <summary>
    /// The nickname and words as the citizen wrote them (and as approved), personal data unmasked: for those who read
    /// the session's queue (admins, moderators, its hosts). Every view is audited, like the phone number's.
    /// </summary>
    public async Task<RevealedText> RevealTextAsync(StaffActor actor, int questionId)
    {
        await permissions.EnsureAsync(actor, ModerationQueue.Readers);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
            .Select(q => new { q.InterviewId, q.Nickname, q.Text, q.OriginalText }).SingleOrDefaultAsync()
            ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotFound);
        await EnsureSessionAsync(actor, question.InterviewId, questionId, "question.text.view", ModerationQueue.SessionReaders);
        var found = new[] { question.Nickname, question.Text, question.OriginalText }.Any(Domain.Screening.PersonalData.Contains);
        audit.Add(db, actor, "question.text.view", $"question/{questionId}", found ? "personal data shown" : "no personal data found");
        await db.SaveChangesAsync();
        return new RevealedText(question.Nickname, question.Text, question.OriginalText);
    }

    /// <summary>A host not assigned to the question's session is refused, and the refusal is audited.</summary>
    private async Task EnsureSessionAsync(StaffActor actor, int interviewId, int questionId, string action, params StaffRole[] anyOf)
    {
        try
        {
            await permissions.EnsureForSessionAsync(actor, interviewId, anyOf);
        }
        catch (StaffForbiddenException e)
        {
            await audit.RecordAsync(actor, action, $"question/{questionId}", $"refused: {Text.ErrorText.Of(e, Text.SiteCultures.Neutral)}");
            throw;
        }
    }

    /// <summary>
    /// Bars the sender of <paramref name="questionId"/> from asking again in that session, or with
    /// <paramref name="everywhere"/> (admins only) in every session. Their earlier questions stay as they are, for
    /// moderators to decide one by one.
    /// </summary>
    public async Task BlockSenderAsync(StaffActor actor, int questionId, string? reason, bool everywhere = false)
    {
        var (db, question, scope) = await BlockTargetAsync(actor, questionId, everywhere);
        await using var _ = db;
        if (await db.ClientBlocks.AnyAsync(b => b.InterviewId == scope && b.ClientKey == question.ClientKey))
        {
            return;
        }
        db.ClientBlocks.Add(ClientBlock.Create(scope, question.ClientKey, actor.Email, reason, clock.GetUtcNow()));
        audit.Add(db, actor, everywhere ? "question.block-sender-global" : "question.block-sender", $"question/{questionId}", reason ?? "");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two moderators blocked the same sender at once: the block stands either way.
        }
    }

    /// <summary>Lifts the block on the sender of <paramref name="questionId"/> in that session, or the one in every session (admins only).</summary>
    public async Task UnblockSenderAsync(StaffActor actor, int questionId, bool everywhere = false)
    {
        var (db, question, scope) = await BlockTargetAsync(actor, questionId, everywhere);
        await using var _ = db;
        var blocks = await db.ClientBlocks.Where(b => b.InterviewId == scope && b.ClientKey == question.ClientKey).ToListAsync();
        if (blocks.Count == 0)
        {
            return;
        }
        db.ClientBlocks.RemoveRange(blocks);
        audit.Add(db, actor, everywhere ? "question.unblock-sender-global" : "question.unblock-sender", $"question/{questionId}");
        await db.SaveChangesAsync();
    }

    /// <summary>The sender a block concerns and where it holds: the question's session, or null for every session.</summary>
    private async Task<(InterviewDbContext Db, (int InterviewId, string ClientKey) Question, int? Scope)> BlockTargetAsync(
        StaffActor actor, int questionId, bool everywhere)
    {
        await permissions.EnsureAsync(actor, everywhere ? StaffCapability.Administer : StaffCapability.Moderate);
        var db = await contexts.CreateDbContextAsync();
        try
        {
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
                .Select(q => new { q.InterviewId, q.ClientKey }).SingleOrDefaultAsync() ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotFound);
            if (question.ClientKey is null)
            {
                throw new DomainException(Text.SiteErrorCodes.BlockWithoutSource);
            }
            return (db, (question.InterviewId, question.ClientKey), everywhere ? null : question.InterviewId);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The decision that stands, for the moderator who came second: who, when (site time) and what.</summary>
    private async Task<ConflictException> EarlierDecisionAsync(Question earlier)
    {
        var by = earlier.DecidedBy is { } email ? await staff.NameOfAsync(email) : null;
        object what = earlier.Status switch
        {
            QuestionStatus.Rejected when earlier.RejectReason is { } reason => new ErrorTerm(Text.SiteErrorCodes.DecisionRejected, reason),
            QuestionStatus.Merged when earlier.MergedIntoId is { } into => new ErrorTerm(Text.SiteErrorCodes.DecisionMerged, into),
            var status => status,
        };
        var code = earlier.Status.ToString().ToLowerInvariant();
        return earlier.DecidedAt is { } at
            ? new ConflictException(Text.SiteErrorCodes.QuestionDecidedEarlierAt, by, time.DateTime(at), what, code)
            : new ConflictException(Text.SiteErrorCodes.QuestionDecidedEarlier, by, what, code);
    }

    /// <summary>138****1234: the first three and last four digits; short numbers show only their last two.</summary>
    public static string? MaskPhone(string? phone) => phone switch
    {
        null or "" => null,
        { Length: >= 8 } p => string.Concat(p.AsSpan(0, 3), new string('*', p.Length - 7), p.AsSpan(p.Length - 4)),
        var p => string.Concat(new string('*', p.Length - 2), p.AsSpan(p.Length - 2)),
    };

    /// <summary>Approves; personal data in the published text is masked unless <paramref name="keepPersonalData"/> (audited).</summary>
    public Task ApproveAsync(StaffActor actor, int questionId, string? editedText, bool keepPersonalData = false) =>
        DecideAsync(actor, questionId, "question.approve", async (db, q, now) =>
        {
            // The moderator's wording gets the same cleaning as the citizen's (line breaks kept, control characters dropped).
            q.Approve(actor.Email, editedText is null ? null : QuestionIntake.Clean(editedText), now, keepPersonalData);
            // Approved after the close: nobody can answer it live any more, so it is a follow-up from the start.
            if (await db.Interviews.Where(i => i.Id == q.InterviewId).Select(i => i.EndedAt).SingleAsync() is { } endedAt)
            {
                q.BecomeFollowUp(followUps.DueAt(endedAt));
            }
            string?[] notes = [editedText is { Length: > 0 } ? "edited before approval" : null, keepPersonalData ? "personal data kept" : null];
            return string.Join("; ", notes.OfType<string>());
        });

    public Task RejectAsync(StaffActor actor, int questionId, RejectReason reason, string? note) =>
        DecideAsync(actor, questionId, "question.reject", (_, q, now) =>
        {
            q.Reject(actor.Email, reason, note is null ? null : QuestionIntake.Clean(note), now);
            return Task.FromResult($"{reason}: {note}");
        });

    public Task MergeAsync(StaffActor actor, int questionId, int intoQuestionId) =>
        DecideAsync(actor, questionId, "question.merge", async (db, q, now) =>
        {
            var survivor = await db.Questions.SingleOrDefaultAsync(s => s.Id == intoQuestionId)
                ?? throw new NotFoundException(Text.SiteErrorCodes.MergeTargetNotFound);
            q.MergeInto(survivor, actor.Email, now);
            await MeToos.CarryAsync(db, q, survivor, now);
            return $"into question/{intoQuestionId}";
        });

    private async Task DecideAsync(
        StaffActor actor, int questionId, string action, Func<InterviewDbContext, Question, DateTimeOffset, Task<string>> decide)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Moderate);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId) ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotFound);
        try
        {
            var details = await decide(db, question, clock.GetUtcNow());
            audit.Add(db, actor, action, $"question/{questionId}", details);
            using (await writes.EnterAsync())
            {
                // A question approved after its session was published joins the search index in the same transaction.
                await db.SaveChangesAsync();
            }
        }
        catch (Exception e) when (e is QuestionAlreadyDecidedException or DbUpdateConcurrencyException)
        {
            // Someone decided first (before we loaded it, or while we were deciding): name that decision.
            await using var fresh = await contexts.CreateDbContextAsync();
            var earlier = await fresh.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId);
            var refused = await EarlierDecisionAsync(earlier);
            await audit.RecordAsync(actor, action, $"question/{questionId}", $"refused: {Text.ErrorText.Of(refused, Text.SiteCultures.Neutral)}");
            throw refused;
        }
    }
}
