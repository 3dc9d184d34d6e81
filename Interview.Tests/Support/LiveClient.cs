using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Tests.Support;

/// <summary>A viewer on the live hub through the test server (long polling, as a locked-down network would).</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private LiveClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public ConcurrentQueue<JsonElement> Entries { get; } = new();
    public ConcurrentQueue<JsonElement> Statuses { get; } = new();

    /// <summary>Every message the hub sent (entry, question, status, screen) as its JSON, for tests that search all public output.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <param name="clientAddress">The viewer's address (X-Test-Client); loopback when not given.</param>
    /// <param name="hubPath">The hub's address; a rehearsal's viewers add its private link's token (<c>?rehearsal=…</c>).</param>
    public static async Task<LiveClient> ConnectAsync<T>(WebApplicationFactory<T> factory, string? clientAddress = null, string hubPath = "/hubs/live")
        where T : class
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, hubPath), o =>
            {
                o.HttpMessageHandlerFactory = _ => clientAddress is null
                    ? server.CreateHandler()
                    : new ClientAddress(clientAddress) { InnerHandler = server.CreateHandler() };
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var client = new LiveClient(connection);
        connection.On<JsonElement>("entry", e =>
        {
            client.Entries.Enqueue(e);
            client.Messages.Enqueue(e.GetRawText());
        });
        connection.On<JsonElement>("status", s =>
        {
            client.Statuses.Enqueue(s);
            client.Messages.Enqueue(s.GetRawText());
        });
        connection.On<JsonElement>("question", q => client.Messages.Enqueue(q.GetRawText()));
        connection.On<JsonElement>("screen", s => client.Messages.Enqueue(s.GetRawText()));
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement[]> JoinAsync(int interviewId, int afterSeq) =>
        Connection.InvokeAsync<JsonElement[]>("Join", interviewId, afterSeq);

    /// <summary>Waits until <paramref name="condition"/> holds, or fails after 30 s (generous: CI shares 2 cores).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
