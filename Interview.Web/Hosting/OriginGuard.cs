using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// CORS does not cover WebSockets: a page on any site could open the staff consoles' circuit (/_blazor) with the
/// staff cookie, or the live hub, from the browser. Browsers send Origin; only the site itself may open a circuit,
/// and only the site and the configured portal origins may join the hub. Clients without Origin (a portal's
/// server, a script) are not browsers and pass.
/// </summary>
public sealed class OriginGuard(RequestDelegate next, IOptions<InterviewOptions> options, SameOrigin site)
{
    private readonly HashSet<string> _portals = new(
        options.Value.Security.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var circuit = path.StartsWithSegments("/_blazor");
        var hub = path.StartsWithSegments("/hubs") || Live.EventStream.Matches(path);
        if ((circuit || hub) && !Allows(context.Request, hub))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Origin not allowed.");
        }
        return next(context);
    }

    /// <summary>Whether a request for a circuit, or (<paramref name="hub"/>) for the hub or the event stream, may proceed.</summary>
    public bool Allows(HttpRequest request, bool hub)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Origin.ToString() is not { Length: > 0 } origin
            || site.IsOwn(request, origin)
            || (hub && _portals.Contains(origin));
    }
}
