using Interview.Domain.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Audit;

/// <summary>
/// Writes the audit log (谁发布、谁审核、谁负责). A change and its audit line are saved together by the service that
/// makes the change (<see cref="Add"/>); attempts that fail are recorded on their own (<see cref="RecordAsync"/>).
/// </summary>
public sealed class AuditTrail(IDbContextFactory<InterviewDbContext> contexts, TimeProvider clock)
{
    public const string Ok = "ok";

    /// <summary>Adds the line to <paramref name="db"/>, to be saved with the change it describes.</summary>
    public AuditEntry Add(InterviewDbContext db, StaffActor actor, string action, string target, string? details = null, string outcome = Ok)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = Entry(actor, action, target, outcome, details);
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Saves one line on its own, e.g. a refused attempt or a sign-in.</summary>
    public async Task RecordAsync(StaffActor actor, string action, string target, string outcome, string? details = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.AuditLog.Add(Entry(actor, action, target, outcome, details));
        await db.SaveChangesAsync();
    }

    private AuditEntry Entry(StaffActor actor, string action, string target, string outcome, string? details) =>
        AuditEntry.Record(clock.GetUtcNow(), actor.Email, action, target, Truncate(outcome, 500), actor.IpAddress, details);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
