using System.Globalization;

namespace Interview.Bench;

/// <summary>
/// PostgreSQL for the benchmark: Debian's binaries, a fresh cluster in a temp folder, a free 127.0.0.1 port. Unlike
/// the tests' server it keeps PostgreSQL's durable defaults (fsync, synchronous commit), as a deployment would.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private const string User = "interview";
    private const string SystemUser = "postgres";
    private const string Database = "interview";
    private readonly string _folder = ChildProcess.TempFolder("interview-bench-pg");
    private ChildProcess? _server;

    public int Port { get; } = ServerProcess.FreePort();

    public string Folder => _folder;

    /// <summary>The site's Interview__Database__ConnectionString.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={Database}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bin = Binaries();
        var data = Path.Combine(_folder, "data");
        if (ChildProcess.IsRoot)
        {
            await ChildProcess.RunAsync("chown", ["-R", $"{SystemUser}:", _folder], cancellationToken);
        }
        await ChildProcess.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken, SystemUser);
        var port = Port.ToString(CultureInfo.InvariantCulture);
        _server = ChildProcess.Start("postgres", Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port, "-k", _folder, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=400"], SystemUser);
        await _server.WaitUntilAsync(async () =>
        {
            try
            {
                await ChildProcess.RunAsync(Path.Combine(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", port, "-U", User], cancellationToken);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), cancellationToken);
        await ChildProcess.RunAsync(Path.Combine(bin, "psql"),
            ["-h", "127.0.0.1", "-p", port, "-U", User, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE {Database}"],
            cancellationToken);
    }

    /// <summary>Fast shutdown (SIGINT to the postmaster, whose pid is in postmaster.pid), then the folder goes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            var pidFile = Path.Combine(_folder, "data", "postmaster.pid");
            int? pid = File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var p) ? p : null;
            await _server.StopAsync("INT", pid);
        }
        ChildProcess.DeleteFolder(_folder);
    }

    public void KillNow()
    {
        _server?.KillNow();
        ChildProcess.DeleteFolder(_folder);
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
        return newest ?? throw new InvalidOperationException("PostgreSQL not found: apt-get install postgresql");
    }
}
