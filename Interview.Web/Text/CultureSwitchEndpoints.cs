using Interview.Web.Accessibility;
using Microsoft.AspNetCore.Localization;

namespace Interview.Web.Text;

/// <summary>
/// <c>GET /culture?culture=zh-CN|en&amp;returnUrl=/local/path</c>: the language switch in every public page's header is a
/// plain link to this, so it works without script. It sets the cookie request localization reads and goes back.
/// </summary>
public static class CultureSwitchEndpoints
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", Switch).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult Switch(HttpContext http)
    {
        if (SiteCultures.Parse(ReaderChoice.Query(http, "culture")) is { } culture)
        {
            ReaderChoice.Remember(http, SiteCultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)));
        }
        return ReaderChoice.Back(http);
    }
}
