using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// The built site (Interview.Web.dll) as a process of its own, as it runs in production: its own port on 127.0.0.1, its
/// own data folder, its own environment. For what a WebApplicationFactory cannot show: several instances behind nginx,
/// a kill -9. Started, it answers GET /healthz with 200; disposed, it is stopped and its data folder deleted.
/// </summary>
public sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly bool _ownsDataDirectory;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private SiteProcess(string dataDirectory, bool ownsDataDirectory, Dictionary<string, string> environment)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _environment = environment;
    }

    public string DataDirectory { get; }

    /// <summary>The port it listens on; 0 until the first start has reported it.</summary>
    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything the site wrote to its console (one line per log entry), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts the site and waits until GET /healthz answers 200. <paramref name="environment"/> adds or replaces settings
    /// (<c>Interview__Security__TrustedProxies__0</c> …); without <paramref name="dataDirectory"/> a new temp folder is
    /// used (and deleted at the end); without <paramref name="port"/> the site picks a free one and reports it.
    /// </summary>
    public static async Task<SiteProcess> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null, string? dataDirectory = null, int port = 0)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "interview-tests", $"site-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Interview__DataDirectory"] = dataDirectory,
            // A backup in the middle of a test would only cost time.
            ["Interview__Backup__IntervalMinutes"] = "0",
            // Small processes on a shared 2-core machine: one GC heap is plenty.
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        var site = new SiteProcess(dataDirectory, owns, settings) { Port = port };
        try
        {
            await site.StartAsync();
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return site;
    }

    /// <summary>Starts it again on the same port and data folder (after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The site is running.");
        }
        _process?.Dispose();
        var dll = SiteAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            // The content root: appsettings.json and the static web assets manifest sit beside the assembly.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what this site is given: nothing inherited from the test run's own settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Interview__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await ServerWait.UntilAsync(() => Task.FromResult(Port != 0 || process.HasExited), ServerWait.Start, "the site to listen", () => Output);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await ServerWait.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {process.ExitCode}.\n{Output}");
            }
            return await ServerWait.AnswersOkAsync(client, new Uri(Address, "healthz"));
        }, ServerWait.Start, $"the site on port {Port} to be healthy", () => Output);
    }

    /// <summary>kill -9: the process ends at once, mid-request, without closing anything.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as systemd stops it: requests finish and the host shuts down; SIGKILL if that takes over 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the system's temp cleaning.
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if (Port == 0 && ListeningOn().Match(line) is { Success: true } listening)
        {
            Port = int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The site as built beside this test run: Interview.Web's own output (with its runtimeconfig, appsettings.json and
    /// static web assets manifest), in the test run's configuration (Release under ./test.sh).
    /// </summary>
    public static string SiteAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        string[] candidates =
        [
            Repository.File("Interview.Web", "bin", configuration, testOutput.Name, "Interview.Web.dll"),
            Path.Combine(testOutput.FullName, "Interview.Web.dll"),
        ];
        return candidates.FirstOrDefault(dll => File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException($"Interview.Web is not built: none of {string.Join(", ", candidates)}.");
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
