using System.Buffers.Text;
using System.Security.Cryptography;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Media;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Admin;

/// <summary>What was wiped with a rehearsal: the audit line says it, the test counts it.</summary>
public sealed record RehearsalWipe(int Entries, int Drafts, int Questions, int Images);

/// <summary>
/// Rehearsals (彩排): the team rehearses the day before with the real consoles on a private copy of a session
/// (<see cref="InterviewSession.Rehearse"/>), seen as the public would see it only through its private link
/// (<c>/interviews/{id}?rehearsal=TOKEN</c>), and wiped afterwards. Admins and the session's assigned hosts make and
/// wipe them; both are audited (<c>rehearsal.create</c>, <c>rehearsal.delete</c>). <see cref="RehearsalCarry"/> takes
/// prepared answers over.
/// </summary>
public sealed class Rehearsals(
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    ImageStore images,
    TimeProvider clock)
{
    private const int TokenBytes = 24;

    /// <summary>The private link a rehearsal is seen through, as the public page shows it.</summary>
    public static string Url(int id, string token) => $"/interviews/{id}?rehearsal={Uri.EscapeDataString(token)}";

    /// <summary>Makes the private copy of session <paramref name="id"/> (its guests' photos copied) and returns it.</summary>
    public async Task<InterviewSession> CreateAsync(StaffActor actor, int id)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.Interviews.Include(i => i.Assignments).SingleOrDefaultAsync(i => i.Id == id)
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, id);
        var photos = new Dictionary<string, string?>();
        foreach (var url in session.Guests.Select(g => g.PhotoUrl).OfType<string>().Distinct())
        {
            photos[url] = await images.CopyAsync(db, url, "guests");
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        InterviewSession rehearsal;
        try
        {
            rehearsal = session.Rehearse(token, url => url is null ? null : photos.GetValueOrDefault(url), clock.GetUtcNow());
        }
        catch (DomainException refused)
        {
            throw new ConflictException(refused.Code, [.. refused.Arguments]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Interviews.Add(rehearsal);
        await db.SaveChangesAsync();
        audit.Add(db, actor, "rehearsal.create", Target(rehearsal.Id), $"rehearsal of interview/{id}; {rehearsal.Guests.Count} guests");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return rehearsal;
    }

    /// <summary>
    /// Wipes a rehearsal and everything in it (entries and their corrections, drafts, questions and their 同问, blocks,
    /// reports, the studio screen, assignments, guests, the images only it used) in one transaction; what is left is
    /// the audit line. Any other session is refused (409): a real session is the record and is never deleted.
    /// </summary>
    public async Task<RehearsalWipe> DeleteAsync(StaffActor actor, int id)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.Interviews.SingleOrDefaultAsync(i => i.Id == id)
            ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, id);
        try
        {
            session.EnsureDeletable();
        }
        catch (DomainException refused)
        {
            throw new ConflictException(refused.Code, [.. refused.Arguments]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var entries = db.Entries.Where(e => e.InterviewId == id);
        var revisions = db.EntryRevisions.Where(r => entries.Any(e => e.Id == r.EntryId));
        var drafts = db.EntryDrafts.Where(d => d.InterviewId == id);
        var questions = db.Questions.Where(q => q.InterviewId == id);
        var urls = session.Guests.Select(g => g.PhotoUrl).OfType<string>()
            .Concat((await entries.Select(e => e.Markdown).ToListAsync()).SelectMany(ImageStore.UrlsIn))
            .Concat((await revisions.Select(r => r.Markdown).ToListAsync()).SelectMany(ImageStore.UrlsIn))
            .Concat((await drafts.Select(d => d.Markdown).ToListAsync()).SelectMany(ImageStore.UrlsIn))
            .Distinct().ToList();
        // Only what no real session refers to: a photo carried over as 预录 has its own copy, but stay safe.
        var shared = await SharedImagesAsync(db, id, urls);
        var wiped = new RehearsalWipe(
            await entries.CountAsync(), await drafts.CountAsync(), await questions.CountAsync(),
            await ImageStore.DeleteInAsync(db, urls.Except(shared)));
        await db.MeToos.Where(m => questions.Any(q => q.Id == m.QuestionId)).ExecuteDeleteAsync();
        await db.Reports.Where(r => r.InterviewId == id).ExecuteDeleteAsync();
        await revisions.ExecuteDeleteAsync();
        await entries.ExecuteDeleteAsync();
        await drafts.ExecuteDeleteAsync();
        await questions.ExecuteDeleteAsync();
        await db.ClientBlocks.Where(b => b.InterviewId == id).ExecuteDeleteAsync();
        await db.StudioScreens.Where(s => s.InterviewId == id).ExecuteDeleteAsync();
        await db.Assignments.Where(a => a.InterviewId == id).ExecuteDeleteAsync();
        await db.Guests.Where(g => g.InterviewId == id).ExecuteDeleteAsync();
        await db.Interviews.Where(i => i.Id == id).ExecuteDeleteAsync();
        audit.Add(db, actor, "rehearsal.delete", Target(id),
            $"rehearsal of interview/{session.RehearsalOf}; wiped {wiped.Entries} entries, {wiped.Drafts} drafts, {wiped.Questions} questions, {wiped.Images} images");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        foreach (var url in urls.Except(shared))
        {
            // Rows are gone with the commit; a file an earlier version left in the uploads folder goes now.
            images.Delete(url);
        }
        return wiped;
    }

    private static async Task<HashSet<string>> SharedImagesAsync(InterviewDbContext db, int id, IReadOnlyList<string> urls)
    {
        if (urls.Count == 0)
        {
            return [];
        }
        var photos = await db.Guests.Where(g => g.InterviewId != id && g.PhotoUrl != null && urls.Contains(g.PhotoUrl))
            .Select(g => g.PhotoUrl!).ToListAsync();
        return [.. photos];
    }

    private static string Target(int id) => $"interview/{id}";
}
