using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Interview.Web.Data;

/// <summary>
/// How the embedded database meets the disk (SQLite in WAL mode, README "Decisions"). A commit appends to the WAL and
/// returns: it neither waits for the disk (<c>synchronous=NORMAL</c>) nor copies the WAL back into the database when
/// the WAL passes a thousand pages, which SQLite would otherwise do inside whichever commit crossed the line, adding
/// tens of milliseconds (two fsyncs) to that one publication. <see cref="SqliteCheckpointer"/> does that copy instead,
/// every second, beside the writers. A killed process loses nothing committed (the WAL is in the file system); a power
/// cut may lose the commits of the last second, since the last checkpoint synced the WAL. PostgreSQL keeps fsync on.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;";

    // The settings stay with SQLite's connection, which the pool hands to one context after another: set once each.
    private readonly ConditionalWeakTable<object, object> _set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && _set.TryAdd(handle, handle);
}

/// <summary>
/// Copies the WAL back into the database every second (a passive checkpoint: writers and readers go on meanwhile), and
/// once more, in full, when the site stops. See <see cref="SqliteConnectionSettings"/>.
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            await connection.OpenAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(connection, "PASSIVE", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fold the WAL in, so the file alone holds everything.
            await CheckpointAsync(connection, "TRUNCATE", CancellationToken.None);
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.OpenAsync(cancellationToken);
            }
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            // Busy or locked now: the next second tries again; the WAL only grows meanwhile.
            logger.LogWarning(e, "Could not checkpoint the database's WAL ({Mode}).", mode);
        }
    }
}
