namespace Interview.Web.Accessibility;

/// <summary>
/// <c>GET /accessibility?mode=elder|standard&amp;returnUrl=/local/path</c>: a plain link in every public page's header
/// switches the display mode, so it works without script. The cookie is read only by the server (HttpOnly).
/// </summary>
public static class DisplayModeEndpoints
{
    public static IEndpointRouteBuilder MapDisplayMode(this IEndpointRouteBuilder app)
    {
        app.MapGet("/accessibility", Switch).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult Switch(HttpContext http)
    {
        switch (DisplayModes.Parse(ReaderChoice.Query(http, "mode")))
        {
            case DisplayMode.Elder:
                ReaderChoice.Remember(http, DisplayModes.CookieName, DisplayModes.Name(DisplayMode.Elder));
                break;
            case DisplayMode.Standard:
                // Standard is what no cookie means.
                ReaderChoice.Forget(http, DisplayModes.CookieName);
                break;
        }
        return ReaderChoice.Back(http);
    }
}
