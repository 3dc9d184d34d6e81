using System.Globalization;
using System.Text;
using Interview.Domain.Audit;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Audit;

public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reads the audit log for admins: filtered, newest first, paged, or whole as CSV.</summary>
public sealed class AuditQuery(IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions)
{
    public const int PageSize = 50;

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> PageAsync(StaffActor actor, AuditFilter filter, int page)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var query = Filtered(db, filter);
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync();
        return (items, total);
    }

    /// <summary>The filtered log as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese).</summary>
    public async Task<byte[]> CsvAsync(StaffActor actor, AuditFilter filter)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        // The header in the reader's language (the request's culture); the lines are the log as written.
        var csv = new StringBuilder(Text.ResourceText.Get(typeof(Resources.Staff), "AuditCsvHeader")).Append("\r\n");
        await foreach (var a in Filtered(db, filter).OrderBy(a => a.At).ThenBy(a => a.Id).AsAsyncEnumerable())
        {
            Text.CsvText.AppendLine(csv, [a.At.ToString("O", CultureInfo.InvariantCulture), a.Actor, a.Action, a.Target, a.Outcome, a.IpAddress ?? "", a.Details]);
        }
        return Text.CsvText.Bytes(csv);
    }

    private static IQueryable<AuditEntry> Filtered(InterviewDbContext db, AuditFilter filter)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.Actor.Contains(filter.Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action.StartsWith(filter.Action.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.Target))
        {
            query = query.Where(a => a.Target == filter.Target.Trim());
        }
        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }
        return query;
    }
}
