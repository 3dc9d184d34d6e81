using Interview.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Data;

/// <summary>
/// A save with its search index changes, on the providers that have the index. The index is SQLite's FTS5 so far;
/// PostgreSQL's full-text index is separate work (issue 11 §2, Search/). Until it is merged, a save on PostgreSQL goes
/// in without index changes (search there finds nothing new); when it is, callers go back to
/// <see cref="SearchIndex.SaveChangesAsync"/> and this file goes.
/// </summary>
public static class IndexedSave
{
    public static Task<int> SaveChangesIndexedAsync(this SearchIndex search, InterviewDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite() ? search.SaveChangesAsync(db, cancellationToken) : db.SaveChangesAsync(cancellationToken);
    }
}
