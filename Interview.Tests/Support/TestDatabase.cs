using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Support;

/// <summary>A migrated SQLite database in a temporary folder, for persistence tests without the web host.</summary>
public sealed class TestDatabase : IDbContextFactory<InterviewDbContext>, IAsyncDisposable
{
    private readonly DbContextOptions<InterviewDbContext> _options;

    private TestDatabase(string directory)
    {
        Directory = directory;
        _options = new DbContextOptionsBuilder<InterviewDbContext>()
            .UseSqlite(InterviewServices.ConnectionString(directory)).Options;
    }

    public string Directory { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var database = new TestDatabase(directory);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public InterviewDbContext CreateDbContext() => new(_options);

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
