using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// Debian's nginx in front of site instances, running the configuration we ship (deploy/nginx/interview.conf) with only
/// the addresses changed: the upstream servers become the given instances, <c>listen</c> a free 127.0.0.1 port. What
/// the tests prove about nginx is then true of the file an operator installs. Everything nginx writes (pid, logs,
/// temp files) stays in a temp folder that is deleted at the end.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private NginxServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static string ShippedConfiguration => Repository.File("deploy", "nginx", "interview.conf");

    /// <summary>nginx's error log and console, for failure messages.</summary>
    public string Log
    {
        get
        {
            var errors = Path.Combine(_folder, "error.log");
            return string.Join('\n', _output) + "\n" + (File.Exists(errors) ? File.ReadAllText(errors) : "");
        }
    }

    /// <summary>Starts nginx before <paramref name="instances"/> (each instance's port on 127.0.0.1) and waits until it answers.</summary>
    public static async Task<NginxServer> StartAsync(IReadOnlyList<int> instances)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: ./test.sh installs Debian's nginx (apt-get install nginx).");
        }
        for (var attempt = 1; ; attempt++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "interview-tests", $"nginx-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var nginx = new NginxServer(folder, LocalServer.FreePort());
            try
            {
                await nginx.RunAsync(instances);
                return nginx;
            }
            catch (Exception) when (attempt < 3 && nginx.Log.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Someone took the free port before nginx bound it: another port.
                await nginx.DisposeAsync();
            }
            catch
            {
                await nginx.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// The shipped file with the test's addresses: in each upstream block the n-th <c>server</c> line points at the n-th
    /// instance (its parameters kept), every <c>listen</c> at 127.0.0.1:<paramref name="port"/>, and the micro-cache in
    /// <paramref name="cacheFolder"/>.
    /// </summary>
    public static string Render(string shipped, IReadOnlyList<int> instances, int port, string cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(instances);
        var lines = new List<string>();
        var inUpstream = false;
        var servers = 0;
        foreach (var line in shipped.Split('\n'))
        {
            if (UpstreamStart().IsMatch(line))
            {
                (inUpstream, servers) = (true, 0);
            }
            else if (inUpstream && line.TrimStart().StartsWith('}'))
            {
                if (servers != instances.Count)
                {
                    throw new InvalidOperationException($"An upstream in the shipped configuration has {servers} servers, the test {instances.Count} instances.");
                }
                inUpstream = false;
            }
            else if (inUpstream && UpstreamServer().Match(line) is { Success: true } server)
            {
                lines.Add($"{server.Groups[1].Value}server 127.0.0.1:{instances[servers++].ToString(CultureInfo.InvariantCulture)}{server.Groups[2].Value}");
                continue;
            }
            else if (CachePath().Match(line) is { Success: true } cache)
            {
                lines.Add($"{cache.Groups[1].Value}proxy_cache_path {cacheFolder}{cache.Groups[2].Value}");
                continue;
            }
            else if (Listen().Match(line) is { Success: true } listen)
            {
                lines.Add($"{listen.Groups[1].Value}listen 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)};");
                continue;
            }
            lines.Add(line);
        }
        return string.Join('\n', lines);
    }

    private async Task RunAsync(IReadOnlyList<int> instances)
    {
        var site = Render(await File.ReadAllTextAsync(ShippedConfiguration), instances, Port, Path.Combine(_folder, "cache"));
        // The main context a distribution's nginx.conf gives: here, everything inside the temp folder. As root the
        // workers would switch to nobody, who cannot write the temp folder: they stay root (the test machine's CI).
        var main = new StringBuilder()
            .AppendLine(Environment.UserName == "root" ? "user root;" : "")
            .AppendLine("worker_processes 1;")
            .AppendLine(CultureInfo.InvariantCulture, $"pid {_folder}/nginx.pid;")
            .AppendLine(CultureInfo.InvariantCulture, $"error_log {_folder}/error.log info;")
            .AppendLine("events { worker_connections 1024; }")
            .AppendLine("http {")
            .AppendLine(CultureInfo.InvariantCulture, $"access_log {_folder}/access.log;")
            .AppendLine(CultureInfo.InvariantCulture, $"client_body_temp_path {_folder}/client_body;")
            .AppendLine(CultureInfo.InvariantCulture, $"proxy_temp_path {_folder}/proxy;")
            .AppendLine(CultureInfo.InvariantCulture, $"fastcgi_temp_path {_folder}/fastcgi;")
            .AppendLine(CultureInfo.InvariantCulture, $"uwsgi_temp_path {_folder}/uwsgi;")
            .AppendLine(CultureInfo.InvariantCulture, $"scgi_temp_path {_folder}/scgi;")
            .AppendLine(site)
            .AppendLine("}")
            .ToString();
        var configuration = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, main);

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-p", _folder + "/", "-e", Path.Combine(_folder, "error.log"), "-c", configuration, "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await ServerWait.UntilHealthyAsync(process, new Uri(Address, "healthz"), $"nginx on port {Port}", () => Log);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // The whole tree: the master and its worker, which would otherwise keep the port.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleaning.
        }
    }

    [GeneratedRegex(@"^\s*upstream\s+\S+\s*\{")]
    private static partial Regex UpstreamStart();

    [GeneratedRegex(@"^(\s*)server\s+[^\s;]+(.*)$")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^(\s*)proxy_cache_path\s+\S+(.*)$")]
    private static partial Regex CachePath();

    [GeneratedRegex(@"^(\s*)listen\s+[^;]+;")]
    private static partial Regex Listen();
}
