using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace Interview.Web.Text;

/// <summary>
/// The site's two cultures (CONTRACT.md "Culture and display"): zh-CN, the default, and English. A request's culture
/// comes from <c>?culture=</c>, then the cookie the language switch sets, then Accept-Language.
/// </summary>
public static class SiteCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>The site's own language, for what is kept rather than shown (the audit log's outcomes).</summary>
    public static CultureInfo Neutral { get; } = CultureInfo.GetCultureInfo(Chinese);

    /// <summary>The cookie request localization reads (the framework's name for it).</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    private const string QueryKey = "culture";

    public static bool IsEnglish(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == English;
    }

    /// <summary>Whether the current request (or circuit) is in English.</summary>
    public static bool CurrentIsEnglish => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>The value of <c>&lt;html lang&gt;</c> for the current culture.</summary>
    public static string CurrentLang => CurrentIsEnglish ? English : Chinese;

    /// <summary>
    /// The language of what staff and citizens wrote (titles, names, transcripts), for its elements' <c>lang</c> on English
    /// pages (WCAG 3.1.2), so that a screen reader reads it with a Chinese voice; null on Chinese pages (no attribute).
    /// </summary>
    public static string? ContentLang => CurrentIsEnglish ? Chinese : null;

    /// <summary>The site's name in the current culture: <c>Interview:SiteName</c>, or <c>Interview:EnglishSiteName</c> in English.</summary>
    public static string SiteName(InterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CurrentIsEnglish ? options.EnglishSiteName : options.SiteName;
    }

    /// <summary>The supported culture a value names exactly (<c>zh-CN</c>, <c>en</c>), or null.</summary>
    public static string? Parse(string? value) => value switch
    {
        Chinese => Chinese,
        English => English,
        _ => null,
    };

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Chinese)
            .AddSupportedCultures(Chinese, English)
            .AddSupportedUICultures(Chinese, English);
        // The query string wins over the cookie, the cookie over the browser's languages (the framework's order, made explicit).
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>The address of the language switch: to <paramref name="culture"/>, then back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(string culture, string returnUrl) =>
        $"/culture?culture={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString(WithoutCultureQuery(returnUrl))}";

    /// <summary>
    /// <paramref name="url"/> without a <c>culture</c> query parameter: a page opened with <c>?culture=en</c> would
    /// otherwise stay English after the reader switched to Chinese and came back to it.
    /// </summary>
    public static string WithoutCultureQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
        {
            return url;
        }
        var query = QueryHelpers.ParseQuery(url[mark..]);
        if (!query.ContainsKey(QueryKey))
        {
            return url;
        }
        var kept = query.Where(p => !string.Equals(p.Key, QueryKey, StringComparison.OrdinalIgnoreCase));
        return url[..mark] + QueryString.Create(kept).ToUriComponent();
    }
}
