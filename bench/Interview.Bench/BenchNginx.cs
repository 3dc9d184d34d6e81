using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Interview.Bench;

/// <summary>
/// Debian's nginx in front of the instances, running the shipped deploy/nginx/interview.conf with only the addresses
/// changed (the upstream `server` lines point at the instances, `listen` at a free 127.0.0.1 port): the same rendering
/// as the tests' NginxServer (Interview.Tests/Support/Servers), copied so the benchmark does not depend on the tests.
/// </summary>
internal sealed partial class BenchNginx : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly string _folder = ChildProcess.TempFolder("interview-bench-nginx");
    private ChildProcess? _server;

    public int Port { get; } = ServerProcess.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Starts nginx before the instances (their ports) and waits until /healthz answers through it.</summary>
    public async Task StartAsync(string repo, IReadOnlyList<int> instances, int viewers, CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install nginx");
        }
        var site = Render(await File.ReadAllTextAsync(Path.Combine(repo, "deploy", "nginx", "interview.conf"), cancellationToken), instances, Port, Path.Combine(_folder, "cache"));
        // The main context Debian's nginx.conf would give, inside the temp folder. Each proxied WebSocket holds two
        // connections (viewer and instance): room for every viewer, beyond Debian's 768.
        var connections = Math.Max(1024, viewers * 2 + 512);
        var main = new StringBuilder()
            .AppendLine(ChildProcess.IsRoot ? "user root;" : "")
            .AppendLine("worker_processes 1;")
            .AppendLine(CultureInfo.InvariantCulture, $"worker_rlimit_nofile {connections + 256};")
            .AppendLine(CultureInfo.InvariantCulture, $"pid {_folder}/nginx.pid;")
            .AppendLine(CultureInfo.InvariantCulture, $"error_log {_folder}/error.log warn;")
            .AppendLine(CultureInfo.InvariantCulture, $"events {{ worker_connections {connections}; }}")
            .AppendLine("http {")
            .AppendLine("access_log off;")
            .AppendLine(CultureInfo.InvariantCulture, $"client_body_temp_path {_folder}/client_body;")
            .AppendLine(CultureInfo.InvariantCulture, $"proxy_temp_path {_folder}/proxy;")
            .AppendLine(CultureInfo.InvariantCulture, $"fastcgi_temp_path {_folder}/fastcgi;")
            .AppendLine(CultureInfo.InvariantCulture, $"uwsgi_temp_path {_folder}/uwsgi;")
            .AppendLine(CultureInfo.InvariantCulture, $"scgi_temp_path {_folder}/scgi;")
            .AppendLine(site)
            .AppendLine("}")
            .ToString();
        var configuration = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, main, cancellationToken);
        _server = ChildProcess.Start("nginx", Binary,
            ["-p", _folder + "/", "-e", Path.Combine(_folder, "error.log"), "-c", configuration, "-g", "daemon off;"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await _server.WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "healthz"), cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>nginx's error log (warnings and worse), for the report.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>
    /// The shipped file with our addresses: in each upstream block the n-th `server` line points at the n-th instance
    /// (its parameters kept), every `listen` at 127.0.0.1:<paramref name="port"/>, and the micro-cache in
    /// <paramref name="cacheFolder"/>.
    /// </summary>
    public static string Render(string shipped, IReadOnlyList<int> instances, int port, string cacheFolder)
    {
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
                    throw new InvalidOperationException($"An upstream in deploy/nginx/interview.conf has {servers} servers, the benchmark {instances.Count} instances.");
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

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
        ChildProcess.DeleteFolder(_folder);
    }

    public void KillNow()
    {
        _server?.KillNow();
        ChildProcess.DeleteFolder(_folder);
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
