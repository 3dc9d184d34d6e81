using Interview.Domain.Screening;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Screening;

public sealed record WordListRow(
    int Id, string Name, int? ColumnId, string? ColumnName, int Version, int WordCount, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record WordListDetail(
    int Id, string Name, int? ColumnId, string? ColumnName, int Version, IReadOnlyList<string> Words, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record WordListRevisionRow(int Version, int WordCount, int Added, int Removed, DateTimeOffset SavedAt, string SavedBy);

public sealed record WordListVersion(int Version, IReadOnlyList<string> Words, DateTimeOffset SavedAt, string SavedBy);

/// <summary>
/// Sensitive-word lists (敏感词表) for admins: global or per column, every save a new version with its history, each
/// audited with the version and the words added and removed. A save takes effect for the next question screened.
/// </summary>
public sealed class WordListAdmin(
    IDbContextFactory<InterviewDbContext> contexts, StaffPermissions permissions, AuditTrail audit, WordListMatchers matchers,
    QuestionScreening screening, TimeProvider clock)
{
    /// <summary>The longest text the "test a text" box screens.</summary>
    public const int MaxTestLength = 5000;

    public async Task<IReadOnlyList<WordListRow>> ListAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var lists = await db.WordLists.AsNoTracking()
            .OrderBy(w => w.ColumnId != null).ThenBy(w => w.Name)
            .Select(w => new WordListRow(w.Id, w.Name, w.ColumnId, db.Columns.Where(c => c.Id == w.ColumnId).Select(c => c.Name).FirstOrDefault(),
                w.Version, w.WordCount, w.UpdatedAt, w.UpdatedBy))
            .ToListAsync();
        return lists;
    }

    public async Task<WordListDetail> GetAsync(StaffActor actor, int id)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var list = await db.WordLists.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id) ?? throw new NotFoundException(Text.SiteErrorCodes.WordListNotFound);
        var column = list.ColumnId is { } columnId ? await db.Columns.Where(c => c.Id == columnId).Select(c => c.Name).SingleAsync() : null;
        return new WordListDetail(list.Id, list.Name, list.ColumnId, column, list.Version, list.WordItems, list.UpdatedAt, list.UpdatedBy);
    }

    /// <summary>The versions, newest first.</summary>
    public async Task<IReadOnlyList<WordListRevisionRow>> HistoryAsync(StaffActor actor, int id)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.WordLists.AnyAsync(w => w.Id == id))
        {
            throw new NotFoundException(Text.SiteErrorCodes.WordListNotFound);
        }
        return await db.WordListRevisions.AsNoTracking().Where(r => r.WordListId == id).OrderByDescending(r => r.Version)
            .Select(r => new WordListRevisionRow(r.Version, r.WordCount, r.Added, r.Removed, r.SavedAt, r.SavedBy))
            .ToListAsync();
    }

    public async Task<WordListVersion> RevisionAsync(StaffActor actor, int id, int version)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var revision = await db.WordListRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.WordListId == id && r.Version == version)
            ?? throw new NotFoundException(Text.SiteErrorCodes.WordListVersionNotFound, version);
        return new WordListVersion(revision.Version, revision.WordItems, revision.SavedAt, revision.SavedBy);
    }

    /// <summary>Creates a list (version 1) for every session (<paramref name="columnId"/> null) or for one column's.</summary>
    public async Task<WordListDetail> CreateAsync(StaffActor actor, string? name, int? columnId, IEnumerable<string> words)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        if (columnId is { } id && !await db.Columns.AnyAsync(c => c.Id == id))
        {
            throw new NotFoundException(Text.SiteErrorCodes.ColumnNotFound);
        }
        var list = WordList.Create(name ?? "", columnId, words, actor.Email, clock.GetUtcNow());
        if (await db.WordLists.AnyAsync(w => w.Name == list.Name))
        {
            throw new ConflictException(Text.SiteErrorCodes.WordListNameTaken, list.Name);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.WordLists.Add(list);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                throw new ConflictException(Text.SiteErrorCodes.WordListNameTaken, list.Name);
            }
            audit.Add(db, actor, "wordlist.create", $"wordlist/{list.Id}",
                $"{list.Name} ({(columnId is null ? "global" : $"column/{columnId}")}) v1: {list.WordCount} words");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        matchers.Invalidate();
        return await GetAsync(actor, list.Id);
    }

    /// <summary>
    /// Saves the words as a new version. <paramref name="basedOnVersion"/> is the version the editor loaded; if someone
    /// saved since, this is refused (409) rather than undoing their change.
    /// </summary>
    public async Task<WordListChange> SaveAsync(StaffActor actor, int id, IEnumerable<string> words, int basedOnVersion)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var list = await db.WordLists.SingleOrDefaultAsync(w => w.Id == id) ?? throw new NotFoundException(Text.SiteErrorCodes.WordListNotFound);
        try
        {
            var change = list.Save(words, basedOnVersion, actor.Email, clock.GetUtcNow());
            audit.Add(db, actor, "wordlist.save", $"wordlist/{id}",
                $"{list.Name} v{change.Version}: +{change.Added} -{change.Removed}, {change.Count} words");
            await db.SaveChangesAsync();
            matchers.Invalidate();
            return change;
        }
        catch (WordListChangedException e)
        {
            throw new ConflictException(e.Code, [.. e.Arguments]);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write (the version is a concurrency token).
            await using var fresh = await contexts.CreateDbContextAsync();
            var now = await fresh.WordLists.AsNoTracking().SingleAsync(w => w.Id == id);
            var changed = new WordListChangedException(now);
            throw new ConflictException(changed.Code, [.. changed.Arguments]);
        }
    }

    /// <summary>What the lists for <paramref name="columnId"/> (null: global lists only) would flag in <paramref name="text"/>.</summary>
    public async Task<ScreeningReport> TestAsync(StaffActor actor, int? columnId, string? text)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        var body = text ?? "";
        if (body.Length > MaxTestLength)
        {
            throw new Domain.DomainException(Text.SiteErrorCodes.TestTextTooLong, MaxTestLength);
        }
        return await screening.ScreenAsync(columnId, body);
    }
}
