using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Interview.Bench;

/// <summary>Redis for the benchmark: Debian's redis-server on a free 127.0.0.1 port, no persistence.</summary>
internal sealed class BenchRedis : IAsyncDisposable
{
    private readonly string _folder = ChildProcess.TempFolder("interview-bench-redis");
    private ChildProcess? _server;

    public int Port { get; } = ServerProcess.FreePort();

    /// <summary>The site's Interview__Redis__Configuration.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server not found: apt-get install redis-server");
        _server = ChildProcess.Start("redis", binary,
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder,
            "--save", "", "--appendonly", "no", "--daemonize", "no",
        ]);
        await _server.WaitUntilAsync(PongsAsync, TimeSpan.FromSeconds(30), cancellationToken);
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

    private async Task<bool> PongsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
