using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;

namespace Interview.Web.Hosting;

/// <summary>
/// Behind nginx the connection comes from the proxy, and the citizen's address, the scheme and the host arrive in
/// X-Forwarded-For/Proto/Host. Those headers are honoured only from the proxies in
/// <c>Interview:Security:TrustedProxies</c> (addresses or CIDR networks); from anyone else they are ignored, so a
/// client cannot pick its own address to slip past the question limit or into the audit log.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IEnumerable<string> trustedProxies)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var entry in trustedProxies.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
                if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    // Kestrel on a dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
                    proxies.Add(address.MapToIPv6());
                }
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
                if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    networks.Add(new IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96));
                }
            }
            else
            {
                throw new InvalidOperationException(
                    $"Interview:Security:TrustedProxies: '{entry}' is neither an IP address nor a CIDR network (10.0.0.0/8).");
            }
        }
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the configured proxies: the defaults trust loopback, which on a shared host is anyone.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // A chain of trusted proxies is walked from the nearest; the first address not trusted is the client, so
            // whatever a client wrote into X-Forwarded-For itself stays to the left, unread.
            o.ForwardLimit = null;
        });
        // Cookies are Secure whenever the request was https, as a trusted proxy reports it.
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Framing is SecurityHeaders' decision: antiforgery would add SAMEORIGIN whenever it sets a new cookie, to the
            // embed widget too on a reader's first visit, which portals frame.
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }
}
