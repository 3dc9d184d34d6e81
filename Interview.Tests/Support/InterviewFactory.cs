using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Support;

/// <summary>
/// The real application (Program, middleware, SQLite) on a data folder of its own that is removed afterwards; the
/// demo data is seeded unless a test says otherwise.
/// </summary>
public class InterviewFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public InterviewFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        _settings["Interview:DataDirectory"] = DataDirectory;
    }

    public string DataDirectory { get; }

    private Servers.PostgresServer? _postgres;

    /// <summary>
    /// Runs the site on PostgreSQL (Interview:Database:Provider=postgres) in a new database of its own on
    /// <paramref name="server"/>, made when the host starts; without this call the site runs on SQLite.
    /// </summary>
    public void UsePostgres(Servers.PostgresServer server) => _postgres ??= server;

    /// <summary>Sets a configuration value before the host starts, e.g. ("Interview:SeedDemoData", "false").</summary>
    public InterviewFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// The id of the newest public session in the given state (published, scheduled, live), read through the API;
    /// extra filters may follow, e.g. "scheduled&amp;column=policy".
    /// </summary>
    public async Task<int> DemoInterviewIdAsync(string status)
    {
        using var client = CreateClient();
        var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interviews?status={status}"));
        return json.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
    }

    /// <summary>Listens on a free loopback port with Kestrel (for a browser) and returns the site's address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The test server has no network connection; give requests the loopback address a browser here would have.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackAddress>());
        builder.UseEnvironment("Production");
        if (_postgres is not null && !_settings.ContainsKey("Interview:Database:ConnectionString"))
        {
            // The host is built synchronously; the database is made off the test's synchronization context.
            _settings["Interview:Database:Provider"] = "postgres";
            _settings["Interview:Database:ConnectionString"] = Task.Run(() => _postgres.CreateDatabaseAsync()).GetAwaiter().GetResult();
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private sealed class LoopbackAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                // Tests that need several clients name them with X-Test-Client.
                context.Connection.RemoteIpAddress ??= context.Request.Headers["X-Test-Client"] is { Count: 1 } named
                    ? System.Net.IPAddress.Parse(named.ToString())
                    : System.Net.IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_postgres is not null && _settings.GetValueOrDefault("Interview:Database:ConnectionString") is { } connectionString)
            {
                // The site's idle pooled connections would stay open for minutes after it is gone: a collection of
                // PostgreSQL suites, each site with a database (and a pool) of its own, then runs out of connections.
                using var connection = new Npgsql.NpgsqlConnection(connectionString);
                Npgsql.NpgsqlConnection.ClearPool(connection);
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on a slow shutdown; the temp folder is cleaned by the system.
            }
        }
    }
}

public static class InterviewFactoryExtensions
{
    /// <summary><paramref name="site"/> on PostgreSQL (<see cref="InterviewFactory.UsePostgres"/>), for a suite's constructor.</summary>
    public static TSite OnPostgres<TSite>(this TSite site, Servers.PostgresServer server) where TSite : InterviewFactory
    {
        ArgumentNullException.ThrowIfNull(site);
        site.UsePostgres(server);
        return site;
    }
}
