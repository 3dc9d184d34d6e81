using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// What the server fixtures share: a free 127.0.0.1 port, a private temporary folder, one child process whose output
/// is kept for the failure message, and waiting for a condition instead of sleeping.
/// </summary>
public static class LocalServer
{
    public static TimeSpan StartTimeout => ServerWait.Start;

    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string TempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The first of <paramref name="candidates"/> that exists, or a clear error naming the package to install.</summary>
    public static string Find(string package, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{Path.GetFileName(candidates[0])} not found: install Debian's {package} (test.sh does).");

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, asUser))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
        return await output;
    }

    /// <summary>Starts a long-running server process; its output is collected in <paramref name="log"/>.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, ServerLog log, string? asUser = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(file, arguments, asUser);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing early with the log when the process died.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> ready, Process process, ServerLog log, string what) =>
        ServerWait.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new TimeoutException($"{what} exited ({process.ExitCode}) before it was ready:\n{log}");
            }
            return await ready();
        }, StartTimeout, what, log.ToString);

    /// <summary>Whether something accepts TCP connections on the port.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops a server: a polite signal first, then kill after a few seconds.</summary>
    public static void Stop(Process? process, bool polite = true)
    {
        if (process is null || process.HasExited)
        {
            return;
        }
        if (polite)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            term.WaitForExit();
            if (process.WaitForExit(10_000))
            {
                return;
            }
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? asUser)
    {
        // PostgreSQL refuses to run as root: as root, run it as its own system user.
        var start = asUser is not null && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", asUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}

/// <summary>The last lines a server printed, for failure messages.</summary>
public sealed class ServerLog
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 200)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines);
        }
    }
}
