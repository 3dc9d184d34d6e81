namespace Interview.Web.Accessibility;

/// <summary>
/// What the header's plain links share (<c>/accessibility</c> for the display mode, <c>/culture</c> for the language):
/// one query value read by hand (an odd or repeated value is no choice, never a binding error), the reader's choice kept
/// for a year in a cookie only the server reads, and the way back to the page they were on (local paths only).
/// </summary>
public static class ReaderChoice
{
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public static string? Query(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        var values = http.Request.Query[name];
        return values.Count == 1 ? values.ToString() : null;
    }

    public static void Remember(HttpContext http, string cookie, string value)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(cookie, value, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = Remembered,
            IsEssential = true,
        });
    }

    public static void Forget(HttpContext http, string cookie)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(cookie, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax });
    }

    /// <summary>Back to <c>returnUrl</c>, never cached (the same address answers differently per reader).</summary>
    public static IResult Back(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(LocalReturnUrl.Safe(Query(http, "returnUrl")));
    }
}
