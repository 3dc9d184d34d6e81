using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// A private Redis for the tests: Debian's redis-server on a free 127.0.0.1 port, its own folder, no persistence.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> simulate an outage and the return, on the same port.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly ServerLog _log = new();
    private Process? _process;
    private string _folder = "";

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string (CONTRACT.md <c>Interview__Redis__Configuration</c>).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync()
    {
        Port = LocalServer.FreePort();
        _folder = LocalServer.TempFolder("interview-redis");
        await StartAsync();
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }
        var server = LocalServer.Find("redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server");
        _process = LocalServer.Start(server,
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
        ], _log);
        await LocalServer.WaitUntilAsync(PongsAsync, _process, _log, "Redis");
    }

    /// <summary>Kills the server (as a crash would); clients see it gone at once.</summary>
    public Task StopAsync()
    {
        LocalServer.Stop(_process, polite: false);
        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        LocalServer.DeleteFolder(_folder);
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
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
