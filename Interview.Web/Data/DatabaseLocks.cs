using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Data;

/// <summary>
/// Where PostgreSQL needs a lock that SQLite's single writer gives for free. Each method does nothing on SQLite, so
/// services call them the same way on both providers. The locks are PostgreSQL advisory locks: they guard an order
/// of work (migrate then seed; read the last seq then write the next) rather than rows, and die with the connection.
/// </summary>
public static class DatabaseLocks
{
    // Two-key advisory locks (kind, object); the kinds start at an odd number to stay apart from other applications' locks.
    private const int KindBase = 0x1F4A7;
    private const int Initialization = 1;
    private const int AuditChain = 2;
    private const int SessionAppends = 3;

    /// <summary>
    /// Held while one instance migrates and seeds: several instances started at once on an empty database wait for
    /// the first, then find the work done.
    /// </summary>
    public static Task<IAsyncDisposable> InitializationAsync(InterviewDbContext db, CancellationToken cancellationToken = default) =>
        HoldAsync(db, Initialization, 0, cancellationToken);

    /// <summary>
    /// Held by one publisher of a session at a time, from reading the session's last seq to committing the next entry:
    /// concurrent publishers then queue instead of racing and retrying. The caller keeps <paramref name="db"/> for the
    /// whole turn and disposes the turn before the context. On SQLite (one instance) the turn is taken in this process:
    /// SQLite's write lock does not cover the read of the last seq, so two publishers a few milliseconds apart used to
    /// read the same seq, and the second failed its INSERT on the unique index and retried (issue 15: 45 failed inserts
    /// and a slower p99 at 10 entries a second).
    /// </summary>
    public static Task<IAsyncDisposable> SessionAppendTurnAsync(InterviewDbContext db, int interviewId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql()
            ? HoldAsync(db, SessionAppends, interviewId, cancellationToken)
            : InProcessTurnAsync(db.Database.GetConnectionString() ?? "", interviewId, cancellationToken);
    }

    /// <summary>
    /// Inside a transaction that is about to append audit lines, before the insert: the lines get their ids and their
    /// place in the hash chain in the same order, and the transaction keeps the lock until it commits or rolls back.
    /// </summary>
    public static async Task AuditAppendAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KindBase + AuditChain}, 0)", cancellationToken);
        }
    }

    public static void AuditAppend(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({KindBase + AuditChain}, 0)");
        }
    }

    /// <summary>A session-level lock on the context's connection, kept open until the handle is disposed.</summary>
    private static async Task<IAsyncDisposable> HoldAsync(InterviewDbContext db, int kind, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return Nothing.Instance;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var kindKey = KindBase + kind;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({kindKey}, {id})", cancellationToken);
        return new Held(db, kindKey, id);
    }

    /// <summary>Released once, however often disposed (a publisher ends its turn early, then leaves its scope).</summary>
    private sealed class Held(InterviewDbContext db, int kindKey, int id) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            try
            {
                // Unlocked explicitly: the pooled connection outlives the context (Npgsql's reset on reuse would too).
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({kindKey}, {id})");
            }
            catch (DbException)
            {
                // The connection broke: the server ended the session, and its locks with it. The caller's own error,
                // if any, is the one worth seeing.
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One turn per database and session in this process; a session's semaphore stays (a few dozen bytes each).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Database, int Session), SemaphoreSlim> Turns = new();

    private static async Task<IAsyncDisposable> InProcessTurnAsync(string database, int interviewId, CancellationToken cancellationToken)
    {
        var turn = Turns.GetOrAdd((database, interviewId), _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Taken(turn);
    }

    private sealed class Taken(SemaphoreSlim turn) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
