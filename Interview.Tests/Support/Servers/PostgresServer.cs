using System.Diagnostics;
using System.Globalization;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// A private PostgreSQL server for the tests: Debian's binaries, a fresh cluster in a temporary folder, a free
/// 127.0.0.1 port, no durability (fsync off: a test server). Started once for the "PostgreSQL" collection and
/// stopped at its end; each test class asks for a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string User = "interview";
    private const string SystemUser = "postgres";
    private readonly ServerLog _log = new();
    private Process? _process;
    private string _folder = "";
    private string _bin = "";
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = Binaries();
        Port = LocalServer.FreePort();
        _folder = LocalServer.TempFolder("interview-pg");
        var data = Path.Combine(_folder, "data");
        if (LocalServer.IsRoot)
        {
            await LocalServer.RunAsync("chown", ["-R", $"{SystemUser}:", _folder]);
        }
        await LocalServer.RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", data, "-U", User, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], SystemUser);
        _process = LocalServer.Start(Path.Combine(_bin, "postgres"),
        [
            "-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=400",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ], _log, SystemUser);
        await LocalServer.WaitUntilAsync(IsReadyAsync, _process, _log, "PostgreSQL");
    }

    /// <summary>A new empty database (optionally a copy of <paramref name="template"/>); its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await PsqlAsync(template is null
            ? $"CREATE DATABASE \"{name}\""
            : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionString(name);
    }

    /// <summary>Runs one SQL statement in the maintenance database (or <paramref name="database"/>).</summary>
    public Task<string> PsqlAsync(string sql, string database = "postgres") =>
        LocalServer.RunAsync(Path.Combine(_bin, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", database,
             "-v", "ON_ERROR_STOP=1", "-A", "-t", "-c", sql]);

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Include Error Detail=true";

    public Task DisposeAsync()
    {
        LocalServer.Stop(_process);
        _process?.Dispose();
        LocalServer.DeleteFolder(_folder);
        return Task.CompletedTask;
    }

    private async Task<bool> IsReadyAsync()
    {
        using var check = Process.Start(new ProcessStartInfo(Path.Combine(_bin, "pg_isready"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await check.WaitForExitAsync();
        return check.ExitCode == 0;
    }

    /// <summary>The newest PostgreSQL that Debian's packages installed.</summary>
    private static string Binaries()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Path: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Path, "postgres")))
                .OrderByDescending(d => d.Version).Select(d => d.Path).FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException("PostgreSQL not found: install Debian's postgresql (test.sh does).");
    }
}

/// <summary>Test classes that need PostgreSQL share one server: [Collection(PostgresCollection.Name)].</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
