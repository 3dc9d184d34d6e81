using Interview.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Interview.Web.Data.Postgres;

/// <summary>
/// On PostgreSQL, a save that appends audit lines first takes the audit chain's lock (<see cref="DatabaseLocks.AuditAppendAsync"/>).
/// On SQLite the insert itself takes the database's one write lock, which does the same. The save runs in a
/// transaction (InterviewDbContext opens one when audit lines are appended), so the lock lasts until the commit.
/// </summary>
internal sealed class AuditAppendLock : SaveChangesInterceptor
{
    public static readonly AuditAppendLock Instance = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Appends(eventData.Context) is { } db)
        {
            await DatabaseLocks.AuditAppendAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Appends(eventData.Context) is { } db)
        {
            DatabaseLocks.AuditAppend(db);
        }
        return result;
    }

    private static DbContext? Appends(DbContext? db) =>
        db is not null && db.Database.CurrentTransaction is not null
        && db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? db
            : null;
}
