using Microsoft.AspNetCore.Diagnostics;

namespace Interview.Web.Accessibility;

/// <summary>How the public pages are shown: the standard design, or 长辈模式 (适老化: large text, high contrast).</summary>
public enum DisplayMode
{
    Standard,
    Elder,
}

/// <summary>
/// The display mode lives in a cookie that <c>/accessibility</c> sets (CONTRACT.md "Culture and display"), so the server
/// renders the chosen mode on the first paint and without script.
/// </summary>
public static class DisplayModes
{
    public const string CookieName = "interview.display";

    /// <summary>The class the page's &lt;html&gt; carries in elder mode (site.css keys every elder rule on it).</summary>
    public const string ElderClass = "elder";

    /// <summary>
    /// The class for a page's &lt;html&gt; (public or staff): <see cref="ElderClass"/> in elder mode, else none. Widgets framed by a
    /// portal keep the portal's sizes (their frame is sized for them).
    /// </summary>
    public static string? PageClass(HttpRequest request) =>
        Of(request) == DisplayMode.Elder && !request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase) ? ElderClass : null;

    public static DisplayMode Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Cookies[CookieName]) ?? DisplayMode.Standard;
    }

    /// <summary>The mode a query or cookie value names (<c>elder</c>, <c>standard</c>), or null for anything else.</summary>
    public static DisplayMode? Parse(string? value) => value switch
    {
        "elder" => DisplayMode.Elder,
        "standard" => DisplayMode.Standard,
        _ => null,
    };

    public static string Name(DisplayMode mode) => mode == DisplayMode.Elder ? "elder" : "standard";

    /// <summary>The address that switches to <paramref name="mode"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(DisplayMode mode, string returnUrl) =>
        $"/accessibility?mode={Name(mode)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// The page the reader is on, path and query, to come back to after a switch. On a status page (404, error) that is
    /// the address the reader asked for, not the re-executed /not-found or /error.
    /// </summary>
    public static string CurrentPage(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            return reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString;
        }
        if (http.Features.Get<IExceptionHandlerPathFeature>() is { } failed)
        {
            return http.Request.PathBase + failed.Path;
        }
        return http.Request.PathBase + http.Request.Path + http.Request.QueryString;
    }
}
