namespace Interview.Tests.Support.Servers;

/// <summary>
/// Two instances of the site (A and B, each with its own container, caches and hub) on one data folder, hence one
/// SQLite database, and one private Redis: what two machines behind a balancer share, in one test process.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const int QuestionsPerMinute = 5;
    private readonly string _folder = LocalServer.TempFolder("interview-two");

    public RedisServer Redis { get; } = new();
    public StaffSite A { get; private set; } = null!;
    public StaffSite B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        // One after the other: the first creates and seeds the database, the second finds it ready.
        A = Instance(Redis.Configuration);
        _ = A.Server;
        B = Instance(Redis.Configuration);
        _ = B.Server;
    }

    /// <summary>An instance on the shared folder with the given Redis (which need not be running).</summary>
    public StaffSite Instance(string redisConfiguration)
    {
        var site = new StaffSite();
        site.With("Interview:DataDirectory", _folder)
            .With("Interview:Redis:Configuration", redisConfiguration)
            .With("Interview:Limits:QuestionsPerClientPerMinute", QuestionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Interview:Backup:IntervalMinutes", "0");
        return site;
    }

    /// <summary>Waits until an asynchronous <paramref name="condition"/> holds, or fails after 30 s (2 shared cores).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        LocalServer.DeleteFolder(_folder);
    }
}
