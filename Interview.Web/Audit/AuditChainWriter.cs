using Interview.Domain.Audit;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Audit;

/// <summary>
/// Gives new audit lines their place in the hash chain (<see cref="AuditChain"/>). It runs inside the transaction that
/// inserts them, after the insert: by then the transaction holds SQLite's one write lock, so no other writer (another
/// context, a job, a second process on the same file) can append between reading the last hash and writing ours, and
/// the chain stays linear however many writers there are. PostgreSQL takes writers in parallel: there the save takes
/// an advisory lock before it inserts (<see cref="DatabaseLocks.AuditAppendAsync"/>), so that ids and links follow
/// one order too. The hash is a storage concern, kept in a shadow column.
/// </summary>
internal static class AuditChainWriter
{
    public const string HashColumn = "Hash";

    public static async Task LinkAsync(InterviewDbContext db, IReadOnlyList<AuditEntry> appended, CancellationToken cancellationToken)
    {
        var ids = appended.Select(a => a.Id).ToList();
        // The lines as stored, which is what verify-audit will read: PostgreSQL keeps times to the microsecond, finer
        // than DateTimeOffset, so a hash of the unsaved values would not match there.
        var ordered = await db.AuditLog.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var previous = await HashBeforeAsync(db, ordered[0].Id, cancellationToken) ?? AuditChain.Genesis;
        foreach (var entry in ordered)
        {
            previous = AuditChain.Link(previous, entry);
            var hash = previous;
            await db.AuditLog.Where(a => a.Id == entry.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => EF.Property<string>(a, HashColumn), hash), cancellationToken);
        }
    }

    public static void Link(InterviewDbContext db, IReadOnlyList<AuditEntry> appended)
    {
        var ids = appended.Select(a => a.Id).ToList();
        var ordered = db.AuditLog.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToList();
        var previous = db.AuditLog.Where(a => a.Id < ordered[0].Id).OrderByDescending(a => a.Id)
            .Select(a => EF.Property<string>(a, HashColumn)).FirstOrDefault() ?? AuditChain.Genesis;
        foreach (var entry in ordered)
        {
            previous = AuditChain.Link(previous, entry);
            var hash = previous;
            db.AuditLog.Where(a => a.Id == entry.Id).ExecuteUpdate(s => s.SetProperty(a => EF.Property<string>(a, HashColumn), hash));
        }
    }

    /// <summary>The hash of the last line before <paramref name="id"/>, or null when there is none.</summary>
    public static Task<string?> HashBeforeAsync(InterviewDbContext db, long id, CancellationToken cancellationToken) =>
        db.AuditLog.Where(a => a.Id < id).OrderByDescending(a => a.Id)
            .Select(a => EF.Property<string?>(a, HashColumn)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A log written before the chain existed (every line without a hash) is chained once, at start. A log where some
    /// lines have a hash is never touched: a line without one there is a broken link for <c>verify-audit</c> to report.
    /// </summary>
    public static async Task<int> ChainUnchainedLogAsync(InterviewDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.AuditLog.AnyAsync(a => EF.Property<string>(a, HashColumn) != "", cancellationToken)
            || !await db.AuditLog.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var lines = await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        await LinkAsync(db, lines, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lines.Count;
    }
}
