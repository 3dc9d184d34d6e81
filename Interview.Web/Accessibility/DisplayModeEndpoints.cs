namespace Interview.Web.Accessibility;

/// <summary>
/// <c>GET /accessibility?mode=elder|standard&amp;returnUrl=/local/path</c>: a plain link in every public page's header
/// switches the display mode, so it works without script. The cookie is read only by the server (HttpOnly).
/// </summary>
public static class DisplayModeEndpoints
{
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapDisplayMode(this IEndpointRouteBuilder app)
    {
        app.MapGet("/accessibility", Switch).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    // Read from the query by hand: an odd value (repeated, invalid) is simply not a mode, never a binding error.
    private static IResult Switch(HttpContext http)
    {
        var query = http.Request.Query;
        var cookies = http.Response.Cookies;
        switch (DisplayModes.Parse(query["mode"].Count == 1 ? query["mode"].ToString() : null))
        {
            case DisplayMode.Elder:
                cookies.Append(DisplayModes.CookieName, DisplayModes.Name(DisplayMode.Elder), new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    MaxAge = Remembered,
                    IsEssential = true,
                });
                break;
            case DisplayMode.Standard:
                // Standard is what no cookie means.
                cookies.Delete(DisplayModes.CookieName, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax });
                break;
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(LocalReturnUrl.Safe(query["returnUrl"].Count == 1 ? query["returnUrl"].ToString() : null));
    }
}
