using System.Diagnostics;
using System.Globalization;

namespace Interview.Bench;

/// <summary>
/// A helper server the benchmark starts for itself (PostgreSQL, Redis, nginx): its output kept for error messages,
/// stopped politely then killed, and its temp folder deleted at the end. PostgreSQL refuses to run as root, so a
/// process may run as a system user (runuser) when the benchmark is root.
/// </summary>
internal sealed class ChildProcess
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    public string Name { get; }

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    public static bool IsRoot => Environment.UserName == "root";

    public static ChildProcess Start(string name, string file, IEnumerable<string> arguments, string? asUser = null)
    {
        var process = new Process { StartInfo = StartInfo(file, arguments, asUser), EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, string? asUser = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, asUser))
            ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted (initdb, say): not left running over a folder that is about to be deleted.
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
        return await output;
    }

    /// <summary>Waits until <paramref name="ready"/> holds; fails at once, with the output, if the process died.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await ready())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before it was ready:\n{Tail()}");
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s:\n{Tail()}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail.Select(l => $"  {Name}| {l}"));
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to <paramref name="pid"/> (the server itself, which may be a child of runuser),
    /// waits up to 10 s, then kills the whole tree.
    /// </summary>
    public async Task StopAsync(string signal = "TERM", int? pid = null)
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }
        try
        {
            await RunAsync("kill", [$"-{signal}", (pid ?? _process.Id).ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Gone meanwhile.
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            KillNow();
        }
        _process.Dispose();
    }

    /// <summary>The last resort when the benchmark is going away.</summary>
    public void KillNow()
    {
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
    }

    public static string TempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? asUser)
    {
        var start = asUser is not null && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", asUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}
