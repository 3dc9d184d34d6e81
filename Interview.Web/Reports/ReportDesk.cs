using Interview.Domain;
using Interview.Domain.Reports;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Reports;

/// <summary>
/// A report as admins work on it: what was reported (and where it stands), why, and, once decided, by whom and the
/// reply. <see cref="ToolUrl"/> is the existing console that corrects the entry (the host console's 勘误) or decides
/// the question (moderation): reports point there rather than changing content themselves.
/// </summary>
public sealed record ReportItem(
    int Id, ReportTarget Target, ReportReason Reason, string Details, DateTimeOffset SubmittedAt,
    ReportStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Reply)
{
    public string ToolUrl => Target.Seq is null
        ? $"/admin/sessions/{Target.InterviewId}/moderate"
        : $"/admin/sessions/{Target.InterviewId}/host";
}

/// <summary>
/// Admins' side of the reports (投诉举报): open ones first; each decided once (驳回 or 已处理) with a reply for the
/// reporter. Decisions are compare-and-set as moderation's: the admin who comes second is told who decided first.
/// </summary>
public sealed class ReportDesk(
    IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, StaffNames staff, AuditTrail audit, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<ReportItem>> ListAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        // Open ones first, the newest on top within each part; the 100 latest of the rest are enough to look back on.
        var reports = await db.Reports.AsNoTracking()
            .OrderBy(r => r.Status == ReportStatus.Open ? 0 : 1).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync();
        var names = await staff.LookUpAsync(reports.Select(r => r.DecidedBy));
        var items = new List<ReportItem>(reports.Count);
        foreach (var r in reports)
        {
            var target = await ReportIntake.TargetAsync(db, r.InterviewId, r.EntrySeq, r.QuestionId)
                ?? new ReportTarget(r.InterviewId, await db.Interviews.Where(i => i.Id == r.InterviewId).Select(i => i.Title).SingleAsync(), r.EntrySeq, r.QuestionId, "");
            items.Add(new ReportItem(r.Id, target, r.Reason, r.Details, r.SubmittedAt, r.Status,
                r.DecidedBy is { } by ? names.Of(by) : null, r.DecidedAt, r.Reply));
        }
        return items;
    }

    /// <summary>驳回: nothing to change; <paramref name="reply"/> tells the reporter why.</summary>
    public Task DismissAsync(StaffActor actor, int reportId, string? reply) =>
        DecideAsync(actor, reportId, "report.dismiss", reply, (r, now) => r.Dismiss(actor.Email, reply, now));

    /// <summary>已处理: the admin corrected or hid the content with the existing tools; <paramref name="reply"/> says what was done.</summary>
    public Task HandleAsync(StaffActor actor, int reportId, string? reply) =>
        DecideAsync(actor, reportId, "report.handle", reply, (r, now) => r.Handle(actor.Email, reply, now));

    private async Task DecideAsync(StaffActor actor, int reportId, string action, string? reply, Action<Report, DateTimeOffset> decide)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == reportId) ?? throw new NotFoundException(Text.SiteErrorCodes.ReportNotFound);
        try
        {
            decide(report, clock.GetUtcNow());
            audit.Add(db, actor, action, $"report/{reportId}", reply);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DomainException { Code: ErrorCodes.ReportAlreadyDecided })
        {
            // Someone decided first (before we loaded it, or while we were deciding): name that decision.
            await using var fresh = await contexts.CreateDbContextAsync();
            var earlier = await fresh.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId);
            var by = earlier.DecidedBy is { } email ? await staff.NameOfAsync(email) : null;
            var refused = new ConflictException(Text.SiteErrorCodes.ReportDecidedEarlier, by, earlier.Status);
            await audit.RecordAsync(actor, action, $"report/{reportId}", $"refused: {Text.ErrorText.Of(refused, Text.SiteCultures.Neutral)}");
            throw refused;
        }
    }
}
