using Microsoft.Extensions.Options;

namespace Interview.Web.Hosting;

/// <summary>
/// The site's own origin, as browsers name it in <c>Origin</c>: the request's scheme and host, or, behind a reverse
/// proxy that reaches the site as http://internal-host, the configured public address.
/// </summary>
public sealed class SameOrigin(IOptions<InterviewOptions> options)
{
    private readonly string? _publicOrigin = Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var site)
        ? site.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>Whether <paramref name="origin"/> is the site itself.</summary>
    public bool IsOwn(HttpRequest request, string origin)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether a form post came from one of the site's own pages, as the browser says it: <c>Sec-Fetch-Site:
    /// same-origin</c>, or an <c>Origin</c> naming the site. What another site's page posts says otherwise (browsers set
    /// both headers themselves; a page cannot), so this stands in for an antiforgery token on forms that a shared cache
    /// hands to everyone alike (<see cref="EdgeCaching"/>). A post that says neither (an old browser) proves nothing.
    /// </summary>
    public bool Proves(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite == "same-origin";
        }
        return request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != "null" && IsOwn(request, origin);
    }
}
