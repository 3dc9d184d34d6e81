using System.Data.Common;
using System.Runtime.CompilerServices;
using Interview.Domain;
using Interview.Domain.Audit;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Interview.Web.Events;

/// <summary>
/// The one write path (STYLE.md #14), an interceptor every context of the container gets: whoever saves and however,
/// the save links its new audit lines into the hash chain and writes the search index rows its change causes, in its
/// own transaction (begun here when the caller has none); what the aggregates recorded (<see cref="Entity.DomainEvents"/>)
/// is announced only once that transaction commits, on the caller's commit when the caller owns it. A failed save or a
/// rolled-back transaction announces nothing.
/// </summary>
public sealed class WritePath(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, ContextState> _states = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is InterviewDbContext db)
        {
            var save = Save.Of(db);
            save.Owned = save.HasWork && db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
            State(db).Saving = save;
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is InterviewDbContext db)
        {
            var save = Save.Of(db);
            save.Owned = save.HasWork && db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            State(db).Saving = save;
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is InterviewDbContext db && TakeSaving(db) is { } save)
        {
            using var owned = save.Owned;
            if (save.AuditLines.Count > 0)
            {
                AuditChainWriter.Link(db, save.AuditLines);
            }
            if (!save.Search.IsEmpty)
            {
                services.GetRequiredService<SearchIndex>().ApplyAsync(db, save.Search).GetAwaiter().GetResult();
            }
            Record(db, save);
            owned?.Commit();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is InterviewDbContext db && TakeSaving(db) is { } save)
        {
            await using var owned = save.Owned;
            if (save.AuditLines.Count > 0)
            {
                // Inside the transaction that inserted them, after the insert (AuditChainWriter says why).
                await AuditChainWriter.LinkAsync(db, save.AuditLines, cancellationToken);
            }
            if (!save.Search.IsEmpty)
            {
                await services.GetRequiredService<SearchIndex>().ApplyAsync(db, save.Search, cancellationToken);
            }
            Record(db, save);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => TakeSaving(eventData.Context)?.Owned?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (TakeSaving(eventData.Context)?.Owned is { } owned)
        {
            await owned.DisposeAsync();
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => TakeSaving(eventData.Context)?.Owned?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (TakeSaving(eventData.Context)?.Owned is { } owned)
        {
            await owned.DisposeAsync();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (TakeCommitted(eventData) is { } committed)
        {
            Announcements().AnnounceAsync(committed).GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (TakeCommitted(eventData) is { } committed)
        {
            // Committed whatever happens to the caller's token now: the news goes out.
            await Announcements().AnnounceAsync(committed);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => TakeCommitted(eventData);

    public Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeCommitted(eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => TakeCommitted(eventData);

    public Task TransactionFailedAsync(
        DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeCommitted(eventData);
        return Task.CompletedTask;
    }

    private Announcements Announcements() => services.GetRequiredService<Announcements>();

    private ContextState State(DbContext db) => _states.GetOrCreateValue(db);

    private Save? TakeSaving(DbContext? db)
    {
        if (db is null || !_states.TryGetValue(db, out var state))
        {
            return null;
        }
        var save = state.Saving;
        state.Saving = null;
        return save;
    }

    /// <summary>
    /// Keeps what the save's entities recorded for the transaction it ran in, and takes it off them (a second save in
    /// the same transaction must not record it twice). Events kept for a transaction that ended without a commit (a
    /// dispose rolls back without telling interceptors) are dropped when the next transaction records its own.
    /// </summary>
    private void Record(InterviewDbContext db, Save save)
    {
        if (save.Events.Count == 0 || db.Database.CurrentTransaction is not { } transaction)
        {
            return;
        }
        var state = State(db);
        if (state.TransactionId != transaction.TransactionId)
        {
            state.TransactionId = transaction.TransactionId;
            state.Recorded.Clear();
        }
        state.Recorded.AddRange(save.Events);
        foreach (var entity in save.Sources)
        {
            entity.ClearDomainEvents();
        }
    }

    private List<IDomainEvent>? TakeCommitted(TransactionEventData eventData)
    {
        if (eventData.Context is not { } db || !_states.TryGetValue(db, out var state)
            || state.TransactionId != eventData.TransactionId || state.Recorded.Count == 0)
        {
            return null;
        }
        var committed = state.Recorded.ToList();
        state.Recorded.Clear();
        return committed;
    }

    private sealed class ContextState
    {
        public Save? Saving { get; set; }
        public Guid TransactionId { get; set; }
        public List<IDomainEvent> Recorded { get; } = [];
    }

    /// <summary>What one save brings to the write path, read from the change tracker before it saves.</summary>
    private sealed class Save
    {
        private Save(SearchChanges search, List<AuditEntry> auditLines, List<Entity> sources)
        {
            Search = search;
            AuditLines = auditLines;
            Sources = sources;
            Events = [.. sources.SelectMany(s => s.DomainEvents)];
        }

        public SearchChanges Search { get; }
        public List<AuditEntry> AuditLines { get; }
        public List<Entity> Sources { get; }
        public List<IDomainEvent> Events { get; }
        public IDbContextTransaction? Owned { get; set; }

        public bool HasWork => !Search.IsEmpty || AuditLines.Count > 0 || Events.Count > 0;

        public static Save Of(InterviewDbContext db)
        {
            // Reads the tracker after DetectChanges, so what the entities changed is seen as the save will see it.
            var search = SearchIndex.Capture(db);
            var auditLines = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            var sources = db.ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
            return new Save(search, auditLines, sources);
        }
    }
}
