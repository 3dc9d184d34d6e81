using Interview.Web.Data;
using Interview.Web.Events;
using Interview.Web.Live;
using Interview.Web.Public;
using Interview.Web.Search;
using Interview.Web.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Support;

/// <summary>
/// A migrated SQLite database in a temporary folder, for persistence tests without the web host. Its contexts come
/// from the site's own registration (<see cref="DatabaseServices.AddInterviewDatabase"/>), so every save takes the
/// write path: audit chain, search index, and announcements on <see cref="Events"/> after the commit.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<InterviewDbContext>, IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDbContextFactory<InterviewDbContext> _contexts;

    private TestDatabase(string directory)
    {
        Directory = directory;
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<MarkdownRenderer>()
            .AddSingleton<PublicCatalog>()
            .AddSingleton<SearchIndex>()
            .AddSingleton<LiveNotifier>()
            .AddSingleton<IEventBus>(sp => sp.GetRequiredService<LiveNotifier>())
            .AddInterviewDatabase(directory)
            .BuildServiceProvider();
        _contexts = _services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
    }

    public string Directory { get; }

    /// <summary>The bus the saves of this database's contexts announce on.</summary>
    public IEventBus Events => _services.GetRequiredService<IEventBus>();

    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var database = new TestDatabase(directory);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public InterviewDbContext CreateDbContext() => _contexts.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }
}
