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

public sealed record ModerationItem(int Id, string Nickname, string Text, string OriginalText, QuestionStatus Status,
    DateTimeOffset SubmittedAt, string? DecidedBy, IReadOnlyList<string> Flags);

/// <summary>
/// Moderators' decisions (先审后发). Each is compare-and-set: the first decision on a question stands, and a second
/// moderator acting on it gets a conflict naming the first. Every decision is audited; an approval is announced to
/// the live page's question list and the host console after it is saved.
/// </summary>
public sealed class Moderation(
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    LiveNotifier notifier,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ModerationItem>> ListAsync(StaffActor actor, int interviewId, QuestionStatus? status)
    {
        await permissions.EnsureAsync(actor, StaffRole.Moderator, StaffRole.Host, StaffRole.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var query = db.Questions.AsNoTracking().Where(q => q.InterviewId == interviewId);
        if (status is { } wanted)
        {
            query = query.Where(q => q.Status == wanted);
        }
        return (await query.OrderBy(q => q.SubmittedAt).ThenBy(q => q.Id).ToListAsync())
            .Select(q => new ModerationItem(q.Id, q.Nickname, q.Text, q.OriginalText, q.Status, q.SubmittedAt, q.DecidedBy, [])).ToList();
    }

    /// <summary>Approves; personal data in the published text is masked unless <paramref name="keepPersonalData"/> (audited).</summary>
    public Task ApproveAsync(StaffActor actor, int questionId, string? editedText, bool keepPersonalData = false) =>
        DecideAsync(actor, questionId, "question.approve", (_, q, now) =>
        {
            q.Approve(actor.Email, editedText, now, keepPersonalData);
            string?[] notes = [editedText is { Length: > 0 } ? "edited before approval" : null, keepPersonalData ? "personal data kept" : null];
            return Task.FromResult(string.Join("; ", notes.OfType<string>()));
        });

    public Task RejectAsync(StaffActor actor, int questionId, RejectReason reason, string? note) =>
        DecideAsync(actor, questionId, "question.reject", (_, q, now) =>
        {
            q.Reject(actor.Email, reason, note, now);
            return Task.FromResult($"{reason}: {note}");
        });

    public Task MergeAsync(StaffActor actor, int questionId, int intoQuestionId) =>
        DecideAsync(actor, questionId, "question.merge", async (db, q, now) =>
        {
            var survivor = await db.Questions.SingleOrDefaultAsync(s => s.Id == intoQuestionId)
                ?? throw new NotFoundException("要合并到的问题不存在。");
            q.MergeInto(survivor, actor.Email, now);
            return $"into question/{intoQuestionId}";
        });

    private async Task DecideAsync(
        StaffActor actor, int questionId, string action, Func<InterviewDbContext, Question, DateTimeOffset, Task<string>> decide)
    {
        await permissions.EnsureAsync(actor, StaffRole.Moderator, StaffRole.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId) ?? throw new NotFoundException("没有这个问题。");
        try
        {
            var details = await decide(db, question, clock.GetUtcNow());
            audit.Add(db, actor, action, $"question/{questionId}", details);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is QuestionAlreadyDecidedException or DbUpdateConcurrencyException)
        {
            // Someone decided first (before we loaded it, or while we were deciding): name that decision.
            await using var fresh = await contexts.CreateDbContextAsync();
            var earlier = await fresh.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId);
            var message = new QuestionAlreadyDecidedException(earlier).Message;
            await audit.RecordAsync(actor, action, $"question/{questionId}", $"refused: {message}");
            throw new ConflictException(message);
        }
        if (question.Status == QuestionStatus.Approved)
        {
            await notifier.PublishAsync(new QuestionApproved(question.InterviewId, question.Id, question.Nickname, question.Text));
        }
    }
}
