namespace Interview.Bench;

/// <summary>
/// What the benchmark runs against: one site process on SQLite (the default), one on a PostgreSQL of its own
/// (--provider postgres), or two on one PostgreSQL and one Redis behind Debian's nginx with the shipped
/// configuration (--instances 2): README "Running on several machines", on one machine. Stopped and deleted at the
/// end, whatever happened; <see cref="KillNow"/> is the last resort when the process is going away.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private int _stopped;

    public BenchPostgres? Postgres { get; private set; }
    public BenchRedis? Redis { get; private set; }
    public BenchNginx? Nginx { get; private set; }
    public List<ServerProcess> Servers { get; } = [];

    /// <summary>The bare SSE reference, once started (<see cref="StartBareSseAsync"/>).</summary>
    public ServerProcess? Bare { get; private set; }

    private readonly List<KeyValuePair<string, string>> _environment = [];
    private string _dll = "";
    private string _repo = "";
    private string _email = "";
    private string _password = "";
    private bool _echo;

    /// <summary>The instance the staff API is used on (A).</summary>
    public ServerProcess First => Servers[0];

    public static string NameOf(int index) => ((char)('A' + index)).ToString();

    public async Task StartAsync(Options options, string dll, string repo, string email, string password, CancellationToken cancellationToken)
    {
        (_dll, _repo, _email, _password, _echo) = (dll, repo, email, password, options.EchoServer);
        var environment = _environment;
        if (options.Provider == Provider.Postgres)
        {
            Postgres = new BenchPostgres();
            await Postgres.StartAsync(cancellationToken);
            Console.WriteLine($"postgres: 127.0.0.1:{Postgres.Port}, data {Postgres.Folder}");
            environment.Add(new("Interview__Database__Provider", "postgres"));
            environment.Add(new("Interview__Database__ConnectionString", Postgres.ConnectionString));
        }
        if (options.Instances > 1)
        {
            Redis = new BenchRedis();
            await Redis.StartAsync(cancellationToken);
            Console.WriteLine($"redis: {Redis.Configuration}");
            environment.Add(new("Interview__Redis__Configuration", Redis.Configuration));
            // Viewers come through nginx on this machine: the site takes the client's address from X-Forwarded-For.
            environment.Add(new("Interview__Security__TrustedProxies__0", "127.0.0.1"));
        }
        // The user's --server-env last: it may replace any of ours.
        environment.AddRange(options.ServerEnvironment);

        // All instances at once on the empty database, as a deployment starts them: the site migrates and seeds once.
        for (var i = 0; i < options.Instances; i++)
        {
            var port = i == 0 && options.Port is { } given ? given : ServerProcess.FreePort();
            var server = ServerProcess.Start(dll, repo, port, email, password, environment, options.EchoServer);
            Servers.Add(server);
            Console.WriteLine($"server {NameOf(i)}: pid {server.Pid}, {server.BaseAddress}, data {server.DataDirectory}");
        }
        foreach (var (key, value) in options.ServerEnvironment)
        {
            Console.WriteLine($"server: {key}={value}");
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Servers.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(180), cancellationToken)));
        Console.WriteLine($"server{(Servers.Count > 1 ? "s" : "")}: ready in {started.Elapsed.TotalSeconds:F1} s, rss " +
            string.Join(", ", Servers.Select(s => Report.Mb(s.StatusBytes("VmRSS")))));

        if (options.Instances > 1)
        {
            Nginx = new BenchNginx();
            var viewers = options.Scenario == Scenario.Failover ? options.FailoverViewerCount : options.LatencyViewers;
            await Nginx.StartAsync(repo, Servers.Select(s => s.BaseAddress.Port).ToArray(), viewers, cancellationToken);
            Console.WriteLine($"nginx: {Nginx.Address} (deploy/nginx/interview.conf) before {string.Join(", ", Servers.Select(s => s.BaseAddress))}");
        }
    }

    /// <summary>
    /// The restart drill: kill -9 of A, then a new A on the same data folder and port, as a supervisor (systemd)
    /// would start it again. Returns the new A once it has started (not yet ready: see WaitReadyAsync).
    /// </summary>
    public async Task<ServerProcess> CrashAndRestartFirstAsync()
    {
        var crashed = First;
        await crashed.CrashAsync();
        Servers[0] = ServerProcess.Start(_dll, _repo, crashed.BaseAddress.Port, _email, _password, _environment, _echo, crashed.DataDirectory);
        return Servers[0];
    }

    /// <summary>
    /// Starts the bare SSE reference on a free port (with the --server-env the site had) and waits for it. Given the
    /// data of one of the site's entry events, it sends entries just like it (the seq changed), so frames are the same size.
    /// </summary>
    public async Task<ServerProcess> StartBareSseAsync(Options options, CancellationToken cancellationToken, string? entryData = null)
    {
        var environment = options.ServerEnvironment.ToList();
        if (entryData is not null)
        {
            environment.Add(new(BareSseServer.EntryTemplateVariable, entryData));
        }
        Bare = ServerProcess.StartBareSse(ServerProcess.FreePort(), environment, options.EchoServer);
        Console.WriteLine($"bare SSE reference: pid {Bare.Pid}, {Bare.BaseAddress}");
        await Bare.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return Bare;
    }

    /// <summary>Each server's warnings and errors, for the end of the report.</summary>
    public void PrintLogs()
    {
        for (var i = 0; i < Servers.Count; i++)
        {
            var (warnings, errors) = Servers[i].LogCounts();
            Console.WriteLine($"server {(Servers.Count > 1 ? NameOf(i) + " " : "")}log: {warnings} warnings, {errors} errors");
            if (errors + warnings > 0)
            {
                Console.WriteLine(Servers[i].Notable());
            }
        }
        if (Nginx?.ErrorLog() is { Length: > 0 } nginx)
        {
            var lines = nginx.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine($"nginx error log: {lines.Length} lines" + string.Concat(lines.Take(5).Select(l => "\n  nginx| " + l)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        Console.WriteLine("stopping: " + string.Join(", ", new[]
        {
            Nginx is null ? null : "nginx", Servers.Count == 0 ? null : $"{Servers.Count} server(s)", Bare is null ? null : "bare SSE reference",
            Redis is null ? null : "redis", Postgres is null ? null : "postgres",
        }.OfType<string>()));
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }
        await Task.WhenAll(Servers.Append(Bare).OfType<ServerProcess>().Select(s => s.DisposeAsync().AsTask()));
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }

    public void KillNow()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        Nginx?.KillNow();
        foreach (var server in Servers)
        {
            server.KillNow();
        }
        Bare?.KillNow();
        Redis?.KillNow();
        Postgres?.KillNow();
    }
}
