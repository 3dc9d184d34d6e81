using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// CORS does not cover WebSockets: a page on any site could open the staff consoles' circuit (/_blazor) with the
/// staff cookie, or the live hub, from the browser. Browsers send Origin; only the site itself may open a circuit,
/// and only the site and the configured portal origins may join the hub. Clients without Origin (a portal's
/// server, a script) are not browsers and pass.
/// </summary>
public sealed class OriginGuard(RequestDelegate next, IOptions<InterviewOptions> options)
{
    private readonly HashSet<string> _portals = new(
        options.Value.Security.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    // Behind a reverse proxy the request may arrive as http://internal-host while browsers say https://public-host:
    // the configured public address counts as the site's own origin too.
    private readonly string? _publicOrigin = Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var site)
        ? site.GetLeftPart(UriPartial.Authority)
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var circuit = path.StartsWithSegments("/_blazor");
        var hub = path.StartsWithSegments("/hubs") || Live.EventStream.Matches(path);
        if ((circuit || hub) && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            var own = $"{context.Request.Scheme}://{context.Request.Host}";
            var allowed = string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
                || string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase)
                || (hub && _portals.Contains(origin));
            if (!allowed)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsync("Origin not allowed.");
            }
        }
        return next(context);
    }
}
