using System.Net;
using System.Net.Sockets;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// A 127.0.0.1 port nobody listens on right now, for servers that cannot be told "any port" and report it (nginx,
/// PostgreSQL, Redis). Another process could take it before the server binds it; servers started with it retry with a
/// new port when they find it taken.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
