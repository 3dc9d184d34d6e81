using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interview.Tests.Data;

/// <summary>
/// How the embedded database meets the disk (Data/SqliteCheckpoints): the site's commits neither wait for the disk nor
/// copy the WAL back themselves; the checkpointer does that beside them, and folds the WAL in when the site stops.
/// </summary>
public sealed class SqliteCheckpointsTests
{
    [Fact]
    public async Task TheSitesConnectionsCommitWithoutWaitingForTheDiskOrCheckpointingThemselves()
    {
        using var site = new InterviewFactory();
        _ = site.Services;
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;")); // NORMAL (FULL is 2)
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task TheCheckpointerCopiesTheWalIntoTheDatabaseBesideTheWriterAndFoldsItInWhenStopped()
    {
        var folder = Directory.CreateTempSubdirectory("interview-checkpoints-");
        try
        {
            var file = Path.Combine(folder.FullName, "interview.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
            await using var writer = new SqliteConnection(connectionString);
            await writer.OpenAsync();
            await ExecuteAsync(writer, "PRAGMA journal_mode=WAL; " + SqliteConnectionSettings.Pragmas);
            await ExecuteAsync(writer, "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT NOT NULL);");
            await ExecuteAsync(writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) " +
                "INSERT INTO Notes (Text) SELECT printf('第%d条：各位网友大家好，欢迎收看今天的在线访谈。', i) FROM n;");
            // Nothing was copied back by the writer: the rows are in the WAL only.
            var before = new FileInfo(file).Length;
            Assert.True(new FileInfo(file + "-wal").Length > before);

            using var checkpointer = new SqliteCheckpointer(connectionString, NullLogger<SqliteCheckpointer>.Instance);
            await checkpointer.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (new FileInfo(file).Length <= before)
            {
                Assert.True(DateTime.UtcNow < deadline, "the checkpointer should copy the WAL into the database within seconds");
                await Task.Delay(100);
            }

            await checkpointer.StopAsync(CancellationToken.None);
            Assert.Equal(0, new FileInfo(file + "-wal").Length);
            Assert.Equal(3000L, await ScalarAsync(writer, "SELECT count(*) FROM Notes;"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
