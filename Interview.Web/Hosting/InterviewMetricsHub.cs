using Microsoft.AspNetCore.SignalR;

namespace Interview.Web.Hosting;

/// <summary>
/// Counts the live hub's viewers as a hub filter rather than inside the hub, so the hub's public surface stays Join and
/// Leave. It runs after the per-client limit (Live/HubConnectionCounter): a connection that limit refuses never counts.
/// </summary>
public sealed class InterviewMetricsHub(InterviewMetrics metrics) : IHubFilter
{
    private const string CountedKey = "interview.counted-viewer";

    public static IServiceCollection AddLiveViewerCount(IServiceCollection services)
    {
        services.AddSingleton<InterviewMetricsHub>();
        // A plain Configure, not a second AddHubOptions: that would copy SignalR's global options over the hub's own
        // again (Live/LiveHubLimits: its client timeout). The hub has options of its own (LiveHubLimits' AddHubOptions),
        // so SignalR reads its filters from them.
        services.Configure<HubOptions<Live.LiveHub>>(o => o.AddFilter<InterviewMetricsHub>());
        return services;
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        context.Context.Items[CountedKey] = true;
        metrics.ViewerConnected();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedKey))
            {
                metrics.ViewerDisconnected();
            }
        }
    }
}
