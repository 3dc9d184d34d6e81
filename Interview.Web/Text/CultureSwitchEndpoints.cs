using Interview.Web.Accessibility;
using Microsoft.AspNetCore.Localization;

namespace Interview.Web.Text;

/// <summary>
/// <c>GET /culture?culture=zh-CN|en&amp;returnUrl=/local/path</c>: the language switch in every public page's header is a
/// plain link to this, so it works without script. It sets the cookie request localization reads and goes back.
/// </summary>
public static class CultureSwitchEndpoints
{
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", Switch).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    // Read from the query by hand, like /accessibility: an odd value changes nothing and is never a binding error.
    private static IResult Switch(HttpContext http)
    {
        var query = http.Request.Query;
        if (SiteCultures.Parse(query["culture"].Count == 1 ? query["culture"].ToString() : null) is { } culture)
        {
            http.Response.Cookies.Append(SiteCultures.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    MaxAge = Remembered,
                    IsEssential = true,
                });
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(LocalReturnUrl.Safe(query["returnUrl"].Count == 1 ? query["returnUrl"].ToString() : null));
    }
}
