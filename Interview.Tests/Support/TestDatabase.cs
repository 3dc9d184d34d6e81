using Interview.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Support;

/// <summary>
/// A migrated database for persistence tests without the web host: SQLite in a temporary folder, or (given a
/// PostgreSQL server) a new database there.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<InterviewDbContext>, IAsyncDisposable
{
    private readonly DbContextOptions<InterviewDbContext> _options;
    private readonly bool _postgres;

    private TestDatabase(string directory, string? postgres)
    {
        Directory = directory;
        _postgres = postgres is not null;
        var builder = new DbContextOptionsBuilder<InterviewDbContext>();
        DatabaseServices.Configure(builder, new Interview.Web.DatabaseOptions
        {
            Provider = _postgres ? Interview.Web.DatabaseOptions.Postgres : Interview.Web.DatabaseOptions.Sqlite,
            ConnectionString = postgres,
        }, directory);
        _options = builder.Options;
    }

    public string Directory { get; }

    /// <summary>The command-line settings that point the site's commands (verify-audit) at this database.</summary>
    public IReadOnlyList<string> Settings { get; private init; } = [];

    public static async Task<TestDatabase> CreateAsync(Servers.PostgresServer? postgres = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var connectionString = postgres is null ? null : await postgres.CreateDatabaseAsync();
        var database = new TestDatabase(directory, connectionString)
        {
            Settings = connectionString is null ? [] :
                ["--Interview:Database:Provider=postgres", $"--Interview:Database:ConnectionString={connectionString}"],
        };
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public InterviewDbContext CreateDbContext() => _postgres ? new Interview.Web.Data.Postgres.PostgresInterviewDbContext(_options) : new InterviewDbContext(_options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
        return ValueTask.CompletedTask;
    }
}
