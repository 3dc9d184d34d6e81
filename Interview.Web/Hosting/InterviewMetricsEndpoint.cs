using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using IPNetwork = System.Net.IPNetwork;

namespace Interview.Web.Hosting;

/// <summary>The <c>Interview:Metrics</c> section: who may read <c>/metrics</c> besides this machine.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Interview:Metrics";

    /// <summary>Addresses or CIDR networks (a Prometheus server elsewhere) that may read /metrics; loopback always may.</summary>
    public string[] AllowedFrom { get; set; } = [];
}

/// <summary>
/// <c>GET /metrics</c> in Prometheus text. The figures say how busy a live session is, not who takes part, but they are
/// for the operator: only loopback and the networks in <c>Interview:Metrics:AllowedFrom</c> get them, everyone else a
/// 404. The address checked is the client's as the trusted proxies report it (Hosting/ReverseProxy), so a citizen
/// coming through nginx is refused even though nginx itself connects from loopback; the shipped nginx configuration
/// refuses /metrics as well.
/// </summary>
public static class InterviewMetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddInterviewMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<InterviewMetrics>();
        InterviewMetricsHub.AddLiveViewerCount(services);
        var allowed = Networks(configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.AllowedFrom ?? []);
        services.AddSingleton(new MetricsReaders(allowed));
        return services;
    }

    public static IEndpointConventionBuilder MapInterviewMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext http, InterviewMetrics metrics, MetricsReaders readers) =>
        {
            if (!readers.May(http.Connection.RemoteIpAddress))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.Headers.CacheControl = "no-store";
            // The classic text format (version 0.0.4), which every Prometheus reads.
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();

    private static List<IPNetwork> Networks(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw new InvalidOperationException(
                    $"Interview:Metrics:AllowedFrom: '{entry}' is neither an IP address nor a CIDR network (10.0.0.0/8).");
            }
        }
        return networks;
    }
}

/// <summary>Who may read /metrics: loopback and the configured networks.</summary>
public sealed class MetricsReaders(IReadOnlyList<IPNetwork> allowed)
{
    public bool May(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }
        // Kestrel on a dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return IPAddress.IsLoopback(address) || allowed.Any(n => n.Contains(address));
    }
}
