using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.FollowUps;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Statistics;

/// <summary>A column no session has gone live in for the configured days; <paramref name="LastLiveAt"/> null: never.</summary>
public sealed record QuietColumn(string Name, string Slug, DateTimeOffset? LastLiveAt);

/// <summary>
/// What an inspection (检查指标) would mark down, as far as the person may act on it: quiet columns for those who run
/// sessions, follow-ups overdue or due by tomorrow for those who answer them (the board's own figures).
/// </summary>
public sealed record CheckFindings(int QuietColumnDays, IReadOnlyList<QuietColumn> QuietColumns, int FollowUpsOverdue, int FollowUpsDueSoon)
{
    public bool Any => QuietColumns.Count > 0 || FollowUpsOverdue > 0 || FollowUpsDueSoon > 0;
}

/// <summary>The checks the admin home page and the follow-up board warn about (互动栏目长期未更新, 未按时答复).</summary>
public sealed class InspectionChecks(
    IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, FollowUpBoard board, IOptions<InterviewOptions> options,
    TimeProvider clock)
{
    public async Task<CheckFindings> FindAsync(StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = await permissions.RolesAsync(actor.Id);
        var days = options.Value.Checks.QuietColumnDays;
        var quiet = roles.Allows(StaffCapability.RunSessions) ? await QuietColumnsAsync(days) : [];
        var counts = roles.Allows(StaffCapability.Publish) ? (await board.ListAsync(actor, FollowUpFilter.Open)).Counts : null;
        return new CheckFindings(days, quiet, counts?.Overdue ?? 0, counts?.DueSoon ?? 0);
    }

    /// <summary>Columns whose latest session went live more than <paramref name="days"/> days ago, or never.</summary>
    private async Task<IReadOnlyList<QuietColumn>> QuietColumnsAsync(int days)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var columns = await db.Columns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync();
        // Times compared here, not in SQL: a few rows per column, and the same on every provider.
        var starts = (await db.Interviews.AsNoTracking()
                // A rehearsal (彩排) does not keep a column from going quiet.
                .Where(i => i.StartedAt != null && i.Status != InterviewStatus.Cancelled && i.RehearsalOf == null)
                .Select(i => new { i.ColumnId, StartedAt = i.StartedAt!.Value })
                .ToListAsync())
            .GroupBy(i => i.ColumnId)
            .ToDictionary(g => g.Key, g => g.Max(i => i.StartedAt));
        var since = clock.GetUtcNow().AddDays(-days);
        return [.. columns
            .Select(c => new QuietColumn(c.Name, c.Slug, starts.TryGetValue(c.Id, out var last) ? last : null))
            .Where(c => c.LastLiveAt is null || c.LastLiveAt < since)];
    }
}
