using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows only the site's own scripts and styles, and
/// framing limited to the site itself, or, for the embeddable widgets, to the portal origins in configuration.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<InterviewOptions> options)
{
    private readonly string _sitePolicy = Policy("'self'", "'self'");
    private readonly string _embedPolicy = Policy("'self'", string.Join(' ', ["'self'", .. options.Value.Security.AllowedOrigins]));
    // MudBlazor positions popovers and sizes components with inline styles; scripts stay 'self' only.
    private readonly string _staffPolicy = Policy("'self' 'unsafe-inline'", "'self'");

    public Task InvokeAsync(HttpContext context)
    {
        var embed = context.Request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase);
        var staff = StaffPages.IsStaffPath(context.Request.Path);
        // A studio screen's address is its key (Live/StudioScreens): never sent on, cached or indexed.
        // So is a rehearsal's (彩排) private link, /interviews/{id}?rehearsal=TOKEN, and the hub joined with it.
        var screen = context.Request.Path.StartsWithSegments("/screen", StringComparison.OrdinalIgnoreCase)
            || context.Request.Query.ContainsKey(Live.LiveHub.RehearsalParameter);
        context.Response.OnStarting(() =>
        {
            Apply(context.Response, embed, staff, screen);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// Sets the headers now: for a response whose headers are known to be written later by the caller (the event stream,
    /// which would otherwise keep a callback per viewer for hours).
    /// </summary>
    public void Apply(HttpResponse response, bool embed, bool staff, bool screen)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = embed ? _embedPolicy : staff ? _staffPolicy : _sitePolicy;
        if (!embed)
        {
            // For browsers that predate frame-ancestors.
            headers.XFrameOptions = "SAMEORIGIN";
        }
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = screen ? "no-referrer" : "strict-origin-when-cross-origin";
        if (screen)
        {
            headers.CacheControl = "no-store";
            headers["X-Robots-Tag"] = "noindex, nofollow";
        }
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }

    private static string Policy(string styles, string frameAncestors) =>
        $"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        $"frame-ancestors {frameAncestors}";
}
