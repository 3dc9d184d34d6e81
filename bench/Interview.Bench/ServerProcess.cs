using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Interview.Bench;

/// <summary>
/// The real server (Interview.Web, Release) as a child process with a throw-away data folder. The process started IS
/// the server (dotnet Interview.Web.dll, not dotnet run), so its /proc/PID/status is the server's memory.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _notable = [];
    private int _capture;
    private readonly Lock _gate = new();
    private readonly bool _echo;
    private int _warnings;
    private int _errors;
    private int _stopped;
    private int _databaseLocked;

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    private ServerProcess(Process process, Uri baseAddress, string dataDirectory, bool echo)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _echo = echo;
    }

    /// <summary>Finds the repository: the folder holding Interview.sln, upwards from here or from the binary.</summary>
    public static string FindRepository(string? given)
    {
        if (given is not null)
        {
            return File.Exists(Path.Combine(given, "Interview.sln"))
                ? Path.GetFullPath(given)
                : throw new InvalidOperationException($"{given} holds no Interview.sln");
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Interview.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Interview.sln not found upwards from here: pass --repo");
    }

    /// <summary>
    /// Builds Interview.Web in Release into bench/.artifacts, apart from bin/Release (which the tests build and may
    /// be rewriting while the benchmark runs). Returns the path of Interview.Web.dll.
    /// </summary>
    public static async Task<string> BuildAsync(string repo, CancellationToken cancellationToken)
    {
        var artifacts = ArtifactsPath(repo);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     "build", Path.Combine(repo, "Interview.Web", "Interview.Web.csproj"), "-c", "Release",
                     "--artifacts-path", artifacts, "-nologo", "-v", "quiet", "-clp:ErrorsOnly", "-clp:NoSummary",
                 })
        {
            start.ArgumentList.Add(a);
        }
        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet build did not start");
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await build.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building Interview.Web failed:\n{await output}{await errors}");
        }
        return DllPath(repo);
    }

    public static string DllPath(string repo) =>
        Path.Combine(ArtifactsPath(repo), "bin", "Interview.Web", "release", "Interview.Web.dll");

    private static string ArtifactsPath(string repo) => Path.Combine(repo, "bench", ".artifacts");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the site; on <paramref name="dataDirectory"/> when given (a restart), else on a new folder.</summary>
    public static ServerProcess Start(string dll, string repo, int port, string email, string password,
        IEnumerable<KeyValuePair<string, string>> extraEnvironment, bool echo, string? dataDirectory = null)
    {
        dataDirectory ??= NewDataDirectory();
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root: appsettings.json and wwwroot, as dotnet run would have it.
            WorkingDirectory = Path.Combine(repo, "Interview.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(start.WorkingDirectory);
        var env = start.Environment;
        env.Remove("ASPNETCORE_URLS");
        env.Remove("DOTNET_ENVIRONMENT");
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Interview__DataDirectory"] = dataDirectory;
        env["Interview__SeedDemoData"] = "true";
        env["Interview__Bootstrap__AdminEmail"] = email;
        env["Interview__Bootstrap__AdminPassword"] = password;
        env["Interview__Security__RequireTwoFactor"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        // Every viewer of the benchmark comes from 127.0.0.1 (directly, or through nginx's X-Forwarded-For): the
        // per-address limit on live hub connections (20 by default) would refuse all but the first few.
        env["Interview__Limits__HubConnectionsPerClient"] = "1000000";
        foreach (var (key, value) in extraEnvironment)
        {
            env[key] = value;
        }

        return Launch(start, url, dataDirectory, echo);
    }

    /// <summary>
    /// The bare SSE reference (<see cref="BareSseServer"/>): this benchmark's own program in its server mode, a process
    /// of its own as the site is, with the site's garbage collector (the Web SDK's default: server GC).
    /// </summary>
    public static ServerProcess StartBareSse(int port, IEnumerable<KeyValuePair<string, string>> extraEnvironment, bool echo)
    {
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(ServerProcess).Assembly.Location, BareSseServer.Command, "--urls", url })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_gcServer"] = "1";
        foreach (var (key, value) in extraEnvironment)
        {
            start.Environment[key] = value;
        }
        return Launch(start, url, NewDataDirectory(), echo);
    }

    private static string NewDataDirectory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "interview-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        return dataDirectory;
    }

    private static ServerProcess Launch(ProcessStartInfo start, string url, string dataDirectory, bool echo)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new InvalidOperationException("the server did not start");
        }
        var server = new ServerProcess(process, new Uri(url + "/"), dataDirectory, echo);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (line.Contains("database is locked", StringComparison.OrdinalIgnoreCase))
            {
                _databaseLocked++;
            }
            if (line.StartsWith("warn:", StringComparison.Ordinal))
            {
                _warnings++;
                _capture = 3;
            }
            else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _errors++;
                _capture = 3;
            }
            if (_capture > 0 && _notable.Count < 60)
            {
                _capture--;
                _notable.Add(line);
            }
            _tail.Enqueue(line);
            while (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
        if (_echo)
        {
            Console.WriteLine("  server| " + line);
        }
    }

    /// <summary>How many log lines said "database is locked" (SQLite's busy error reaching the application).</summary>
    public int DatabaseLockedCount()
    {
        lock (_gate)
        {
            return _databaseLocked;
        }
    }

    public (int Warnings, int Errors) LogCounts()
    {
        lock (_gate)
        {
            return (_warnings, _errors);
        }
    }

    /// <summary>The first warnings and errors the server logged, each with the two lines after it.</summary>
    public string Notable()
    {
        lock (_gate)
        {
            return string.Join('\n', _notable.Select(l => "  server| " + l));
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail.Select(l => "  server| " + l));
        }
    }

    /// <summary>Waits until GET / answers (the database is migrated and seeded by then).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}:\n{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"the server did not answer GET / within {timeout.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary>A field of /proc/PID/status in bytes (VmRSS, RssAnon, …), or null where there is none.</summary>
    public long? StatusBytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        if (field == "VmRSS" && !_process.HasExited)
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
        return null;
    }

    /// <summary>Total CPU time the server has used (user + system), in seconds.</summary>
    public double? CpuSeconds()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stops the server (SIGTERM, then kill after 5 s) and deletes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    using var term = Process.Start(new ProcessStartInfo("kill")
                    {
                        ArgumentList = { "-TERM", Pid.ToString(CultureInfo.InvariantCulture) },
                        UseShellExecute = false,
                    });
                    if (term is not null)
                    {
                        await term.WaitForExitAsync();
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
            DeleteDataDirectory();
        }
    }

    /// <summary>
    /// The restart drill's crash: SIGKILL, no chance to close anything; the data folder stays for the server started
    /// after it (which then owns it). This object is done with.
    /// </summary>
    public async Task CrashAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The last resort when this process is going away: kill the server, delete its folder.</summary>
    public void KillNow()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        DeleteDataDirectory();
    }

    private void DeleteDataDirectory()
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
