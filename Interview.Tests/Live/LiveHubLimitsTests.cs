using System.Net;
using System.Net.WebSockets;
using System.Text;
using Interview.Tests.Support;
using Interview.Web.Live;
using Interview.Web.Questions;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Live;

/// <summary>The live hub drops connections that fall silent and holds a bounded number per address.</summary>
public sealed class LiveHubLimitsTests(LiveHubLimitsTests.Site site) : IClassFixture<LiveHubLimitsTests.Site>
{
    private const int PerClient = 3;
    private const int TimeoutSeconds = 2;

    public sealed class Site : InterviewFactory
    {
        public Site()
        {
            With("Interview:Limits:HubConnectionsPerClient", PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
            With("Interview:Limits:HubClientTimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task ASilentConnectionIsClosedAfterTheClientTimeout()
    {
        const string Silent = "203.0.113.40";
        var counter = site.Services.GetRequiredService<HubConnectionCounter>();
        var client = site.Services.GetRequiredService<ClientKeys>().For(IPAddress.Parse(Silent));
        // A raw WebSocket that completes the handshake, pings once, and then never sends again. (SignalR starts the
        // client timeout at the first message after the handshake.)
        var sockets = site.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers["X-Test-Client"] = Silent;
        using var socket = await sockets.ConnectAsync(
            new UriBuilder(site.Server.BaseAddress) { Scheme = "ws", Path = "/hubs/live" }.Uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var handshake = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, handshake.Count));
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":6}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var opened = DateTime.UtcNow;
        await LiveClient.EventuallyAsync(() => counter.OpenFor(client) == 1, "the connection to count");

        // Read (a client that only listens), answering nothing but the server's close.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, patience.Token);
        }
        while (received.MessageType != WebSocketMessageType.Close);
        var closed = DateTime.UtcNow;
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.True(closed - opened >= TimeSpan.FromSeconds(TimeoutSeconds) - TimeSpan.FromMilliseconds(100), "closed before the timeout");
        // The configured timeout, not SignalR's default of 30 s (the margin is for a busy machine).
        Assert.True(closed - opened < TimeSpan.FromSeconds(TimeoutSeconds + 15), $"closed only after {closed - opened}");
        // The hub let it go: its place is free again.
        await LiveClient.EventuallyAsync(() => counter.OpenFor(client) == 0, "the silent connection to be released");
    }

    [Fact]
    public async Task OneAddressHoldsAtMostTheConfiguredNumberOfConnections()
    {
        const string Viewer = "203.0.113.50";
        var counter = site.Services.GetRequiredService<HubConnectionCounter>();
        var viewer = site.Services.GetRequiredService<ClientKeys>().For(IPAddress.Parse(Viewer));
        var held = new List<LiveClient>();
        for (var i = 0; i < PerClient; i++)
        {
            held.Add(await LiveClient.ConnectAsync(site, Viewer));
        }
        // The hub counts a connection when it runs OnConnected, just after the client's handshake returns.
        await LiveClient.EventuallyAsync(() => counter.OpenFor(viewer) == PerClient, "every held connection to be counted");

        var excess = await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(site, Viewer));
        await using var neighbour = await LiveClient.ConnectAsync(site, "203.0.113.51");

        Assert.Equal(HttpStatusCode.TooManyRequests, excess.StatusCode);
        Assert.Equal(PerClient, counter.OpenFor(viewer));
        // A closed connection frees its place.
        await held[0].DisposeAsync();
        await LiveClient.EventuallyAsync(() => counter.OpenFor(viewer) < PerClient, "the closed connection to be released");
        await using var again = await LiveClient.ConnectAsync(site, Viewer);
        foreach (var client in held.Skip(1))
        {
            await client.DisposeAsync();
        }
    }
}
