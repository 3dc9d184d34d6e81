using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Live;

/// <summary>What the studio screen shows: the session, the question on screen, and the answer to it so far.</summary>
public sealed record ScreenView(int InterviewId, string Title, InterviewStatus Status, ScreenQuestion? Question, ScreenAnswer? Answer);

/// <summary>The question on screen: the one the host pinned, or the one last put to the guests.</summary>
public sealed record ScreenQuestion(int? Id, string Nickname, string Text, bool Pinned);

/// <summary>The latest answer to the question on screen, and who gives it.</summary>
public sealed record ScreenAnswer(int Seq, string Speaker, string Position, string Text);

/// <summary>The screen as the host console sees it.</summary>
public sealed record ScreenSettings(bool HasLink, int? PinnedQuestionId);

/// <summary>
/// The studio big screen (大屏) and broadcast overlay (CONTRACT.md "Live day"): a read-only link with an unguessable
/// token that the session's host (or an admin) makes, replaces and revokes, all audited; what is on it follows the
/// session unless the host pins a question. The token is shown once; only its hash is kept.
/// </summary>
public sealed class StudioScreens(
    IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, AuditTrail audit, WriteGate writes, TimeProvider clock)
{
    /// <summary>192 bits: not guessable, and short enough to read out over the studio phone.</summary>
    private const int TokenBytes = 24;

    public static string Url(string token) => $"/screen/{token}";

    /// <summary>A new link to the session's screen; the previous one stops working.</summary>
    public async Task<string> NewLinkAsync(StaffActor actor, int interviewId)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        await ChangeAsync(actor, interviewId, "screen.link", (screen, now) => screen.NewLink(Hash(token), actor.Email, now));
        return token;
    }

    public Task RevokeAsync(StaffActor actor, int interviewId) =>
        ChangeAsync(actor, interviewId, "screen.revoke", (screen, now) => screen.Revoke(actor.Email, now));

    /// <summary>Puts an approved question of the session on screen, or (null) goes back to following the session.</summary>
    public async Task PinAsync(StaffActor actor, int interviewId, int? questionId)
    {
        if (questionId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var ok = await db.Questions.AnyAsync(q => q.Id == id && q.InterviewId == interviewId &&
                                                       (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered));
            if (!ok)
            {
                throw new DomainException(SiteErrorCodes.ScreenQuestionNotApproved);
            }
        }
        await ChangeAsync(actor, interviewId, "screen.pin", (screen, now) => screen.Pin(questionId, actor.Email, now),
            questionId is { } q ? $"question/{q}" : "follow the session");
    }

    public async Task<ScreenSettings> SettingsAsync(StaffActor actor, int interviewId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var screen = await db.StudioScreens.AsNoTracking().SingleOrDefaultAsync(s => s.InterviewId == interviewId);
        return new ScreenSettings(screen?.HasLink ?? false, screen?.PinnedQuestionId);
    }

    /// <summary>The screen a token opens, or null for a token that is not (or no longer) a link.</summary>
    public async Task<ScreenView?> ViewAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !Base64Url.IsValid(token))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync();
        var hash = Hash(token);
        var screen = await db.StudioScreens.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash);
        if (screen is null)
        {
            return null;
        }
        var session = await db.Interviews.AsNoTracking().Where(i => i.Id == screen.InterviewId)
            .Select(i => new { i.Id, i.Title, i.Status }).SingleAsync();
        var (question, askedSeq) = await QuestionAsync(db, screen);
        var answer = await AnswerAsync(db, screen.InterviewId, question?.Id, askedSeq);
        return new ScreenView(session.Id, session.Title, session.Status, question, answer);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<(ScreenQuestion?, int?)> QuestionAsync(InterviewDbContext db, StudioScreen screen)
    {
        if (screen.PinnedQuestionId is { } pinned)
        {
            var question = await db.Questions.AsNoTracking()
                .Where(q => q.Id == pinned && (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered))
                .Select(q => new { q.Id, q.Nickname, q.Text }).SingleOrDefaultAsync();
            if (question is not null)
            {
                var asked = await db.Entries.Where(e => e.InterviewId == screen.InterviewId && e.Kind == EntryKind.Question && e.QuestionId == pinned)
                    .OrderByDescending(e => e.Seq).Select(e => (int?)e.Seq).FirstOrDefaultAsync();
                return (new ScreenQuestion(question.Id, question.Nickname, question.Text, Pinned: true), asked);
            }
        }
        // Following the session: the question last put to the guests, as the transcript shows it.
        var last = await db.Entries.AsNoTracking().Where(e => e.InterviewId == screen.InterviewId && e.Kind == EntryKind.Question)
            .OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.QuestionId, e.Speaker, e.Text }).FirstOrDefaultAsync();
        return last is null ? (null, null) : (new ScreenQuestion(last.QuestionId, last.Speaker, last.Text, Pinned: false), last.Seq);
    }

    /// <summary>The latest guest answer naming the question, or given after it was put; none before the guests answer.</summary>
    private static async Task<ScreenAnswer?> AnswerAsync(InterviewDbContext db, int interviewId, int? questionId, int? askedSeq)
    {
        if (questionId is null && askedSeq is null)
        {
            return null;
        }
        var after = askedSeq ?? int.MaxValue;
        var answer = await db.Entries.AsNoTracking()
            .Where(e => e.InterviewId == interviewId && e.Kind == EntryKind.Guest && (e.QuestionId == questionId || e.Seq > after))
            .OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Speaker, e.Text }).FirstOrDefaultAsync();
        if (answer is null)
        {
            return null;
        }
        var guest = await db.Guests.AsNoTracking().Where(g => g.InterviewId == interviewId && g.Name == answer.Speaker)
            .Select(g => new { g.Organization, g.Position }).FirstOrDefaultAsync();
        return new ScreenAnswer(answer.Seq, answer.Speaker, guest is null ? "" : Post(guest.Organization, guest.Position), answer.Text);
    }

    /// <summary>The guest's post as a caption: 市疾控中心 主任, or the post alone when it names the organization already.</summary>
    private static string Post(string organization, string position) =>
        organization.Length == 0 || position.Contains(organization, StringComparison.Ordinal) ? position
        : position.Length == 0 ? organization
        : $"{organization} {position}";

    private async Task ChangeAsync(StaffActor actor, int interviewId, string action, Action<StudioScreen, DateTimeOffset> change, string? details = null)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host);
        try
        {
            await SaveChangeAsync(actor, interviewId, action, change, details);
        }
        catch (DbUpdateException)
        {
            // Two hosts making the session's first screen at once: one row won; change that one.
            await SaveChangeAsync(actor, interviewId, action, change, details);
        }
    }

    private async Task SaveChangeAsync(StaffActor actor, int interviewId, string action, Action<StudioScreen, DateTimeOffset> change, string? details)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.Interviews.AnyAsync(i => i.Id == interviewId))
        {
            throw new NotFoundException(SiteErrorCodes.InterviewNotFound, interviewId);
        }
        var screen = await db.StudioScreens.SingleOrDefaultAsync(s => s.InterviewId == interviewId);
        if (screen is null)
        {
            screen = StudioScreen.For(interviewId);
            db.StudioScreens.Add(screen);
        }
        change(screen, clock.GetUtcNow());
        audit.Add(db, actor, action, $"interview/{interviewId}", details);
        using (await writes.EnterAsync())
        {
            await db.SaveChangesAsync();
        }
    }
}
