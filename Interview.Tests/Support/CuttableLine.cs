using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Interview.Tests.Support;

/// <summary>
/// A TCP line between a browser and the site that a test can break the way a mobile network does: it can lose what the
/// server sends (a dead line the browser has not noticed), cut every open connection at once, and refuse new ones with
/// a 503 (the site restarting behind its proxy). Pages opened at <see cref="Address"/> reach the site through it.
/// </summary>
public sealed class CuttableLine : IAsyncDisposable
{
    private static readonly byte[] Refusal =
        Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _site;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _refused;

    private CuttableLine(Uri site)
    {
        _site = site;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>What the server sends is dropped while set (the connections stay open).</summary>
    public bool Losing { get; set; }

    /// <summary>New connections get a 503 and are closed while set.</summary>
    public bool Refusing { get; set; }

    /// <summary>Connections refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static CuttableLine To(Uri site) => new(site);

    /// <summary>Closes every connection open through the line; new ones pass (unless <see cref="Refusing"/>).</summary>
    public void Cut()
    {
        foreach (var socket in _open.Keys)
        {
            Close(socket);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket browser;
            try
            {
                browser = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(browser);
        }
    }

    private async Task ServeAsync(Socket browser)
    {
        if (Refusing)
        {
            Interlocked.Increment(ref _refused);
            try
            {
                await browser.SendAsync(Refusal, SocketFlags.None);
                browser.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            browser.Dispose();
            return;
        }
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_site.Host, _site.Port, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            browser.Dispose();
            server.Dispose();
            return;
        }
        _open[browser] = 0;
        _open[server] = 0;
        await Task.WhenAny(PipeAsync(browser, server, lossy: false), PipeAsync(server, browser, lossy: true));
        Close(browser);
        Close(server);
    }

    private async Task PipeAsync(Socket from, Socket to, bool lossy)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                if (lossy && Losing)
                {
                    continue;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private void Close(Socket socket)
    {
        if (!_open.TryRemove(socket, out _))
        {
            return;
        }
        try
        {
            // A reset, as a dropped line looks to the browser: no orderly end of the response.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
