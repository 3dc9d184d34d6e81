using System.Collections.Concurrent;
using Interview.Web.Questions;
using Microsoft.AspNetCore.SignalR;

namespace Interview.Web.Live;

/// <summary>
/// What one viewer may hold of the live hub. Connections that stop sending (a phone gone to sleep, a killed tab, a
/// client that only opened a socket) are closed after <c>Interview:Limits:HubClientTimeoutSeconds</c> instead of
/// holding memory until TCP notices; one address holds at most <c>Interview:Limits:HubConnectionsPerClient</c> live
/// connections, refused 429 at negotiate and closed at connect beyond that (a race past negotiate ends there).
/// </summary>
public static class LiveHubLimits
{
    /// <summary>The interval our script and the SignalR clients ping at, and the server's own keep-alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddLiveHubLimits(this IServiceCollection services, LimitOptions limits)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, limits.HubClientTimeoutSeconds));
        services.AddSingleton<HubConnectionCounter>();
        // The hub's own options (AddHubOptions marks them as set; SignalR ignores a plain Configure of them).
        services.AddSignalR().AddHubOptions<LiveHub>(o =>
        {
            o.ClientTimeoutInterval = timeout;
            // The server must speak at least twice within a client's own timeout (30 s for our script), and more
            // often than the silence it tolerates from clients.
            o.KeepAliveInterval = timeout / 2 < KeepAlive ? timeout / 2 : KeepAlive;
            o.AddFilter<HubConnectionCounter>();
        });
        return services;
    }
}

/// <summary>Live hub connections per client (by <see cref="ClientKeys"/>): counted at connect, released at disconnect.</summary>
public sealed class HubConnectionCounter(ClientKeys clients, Microsoft.Extensions.Options.IOptions<InterviewOptions> options) : IHubFilter
{
    private const string CountedKey = "interview.counted-client";
    private readonly ConcurrentDictionary<string, int> _open = new();
    private readonly int _perClient = Math.Max(1, options.Value.Limits.HubConnectionsPerClient);

    public string ClientOf(HttpContext http) => clients.For(http.Connection.RemoteIpAddress);

    /// <summary>Whether the client already holds as many connections as it may.</summary>
    public bool IsFull(string client) => _open.TryGetValue(client, out var open) && open >= _perClient;

    public int OpenFor(string client) => _open.TryGetValue(client, out var open) ? open : 0;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var client = context.Context.GetHttpContext() is { } http ? ClientOf(http) : "unknown";
        if (!TryEnter(client))
        {
            throw new HubException(Text.ErrorText.Word(Text.SiteErrorCodes.HubTooManyConnections));
        }
        context.Context.Items[CountedKey] = client;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey, out var client) && client is string key)
            {
                Leave(key);
            }
        }
    }

    /// <summary>Counts a connection of the client (the hub's, or the public stream's), unless it holds its share already.</summary>
    public bool TryEnter(string client)
    {
        while (true)
        {
            var open = _open.GetOrAdd(client, 0);
            if (open >= _perClient)
            {
                return false;
            }
            if (_open.TryUpdate(client, open + 1, open))
            {
                return true;
            }
        }
    }

    public void Leave(string client)
    {
        while (_open.TryGetValue(client, out var open))
        {
            if (open <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(client, open)) : _open.TryUpdate(client, open - 1, open))
            {
                return;
            }
        }
    }
}

/// <summary>
/// Refuses a new live hub connection with 429 before any transport opens: at negotiate, and for a WebSocket that
/// skips negotiate (no connection id). Requests of an open connection (long polls, sends) pass.
/// </summary>
public sealed class HubConnectionGate(RequestDelegate next, HubConnectionCounter counter)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var opening = path.StartsWithSegments(LiveHub.Path + "/negotiate")
            || (path.Equals(LiveHub.Path, StringComparison.OrdinalIgnoreCase) && !context.Request.Query.ContainsKey("id"));
        if (opening && counter.IsFull(counter.ClientOf(context)))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            return context.Response.WriteAsync("Too many live connections from this address.");
        }
        return next(context);
    }
}
