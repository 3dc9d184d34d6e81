using System.Collections.Concurrent;
using Interview.Domain.Screening;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Screening;

/// <summary>
/// The compiled matchers, one per column (the global lists plus that column's own), built on first use and kept until
/// a list is saved. A save swaps in an empty cache after it commits: a build still running from the old words lands
/// in the discarded cache, so no request after the save sees the old lists. With several instances the save is passed
/// on (<see cref="Saved"/>, Hosting/RedisWordLists) and the others <see cref="Forget"/> theirs.
/// </summary>
public sealed class WordListMatchers(IDbContextFactory<InterviewDbContext> contexts)
{
    /// <summary>The key for "global lists only" (column ids start at 1).</summary>
    private const int GlobalOnly = 0;

    private ConcurrentDictionary<int, Lazy<Task<SensitiveWordMatcher>>> _byColumn = new();

    /// <summary>The matcher for a session in <paramref name="columnId"/>; null gives the global lists alone.</summary>
    public async Task<SensitiveWordMatcher> ForColumnAsync(int? columnId)
    {
        var cache = Volatile.Read(ref _byColumn);
        var key = columnId ?? GlobalOnly;
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<SensitiveWordMatcher>>(() => BuildAsync(columnId)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed build is not kept: the next request tries again.
            cache.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Raised by <see cref="Invalidate"/>: a list was saved here.</summary>
    public event Action? Saved;

    /// <summary>Called after a list is saved (and committed).</summary>
    public void Invalidate()
    {
        Forget();
        Saved?.Invoke();
    }

    /// <summary>Drops the compiled matchers without telling anyone: a list was saved elsewhere.</summary>
    public void Forget() => Volatile.Write(ref _byColumn, new ConcurrentDictionary<int, Lazy<Task<SensitiveWordMatcher>>>());

    private async Task<SensitiveWordMatcher> BuildAsync(int? columnId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var lists = await db.WordLists.AsNoTracking()
            .Where(w => w.ColumnId == null || (columnId != null && w.ColumnId == columnId))
            .OrderBy(w => w.Id)
            .Select(w => new { w.Name, w.Version, w.Words })
            .ToListAsync();
        return SensitiveWordMatcher.Build(lists.Select(w =>
            new SensitiveWordSource(w.Name, w.Version, w.Words.Length == 0 ? [] : w.Words.Split('\n'))));
    }
}
