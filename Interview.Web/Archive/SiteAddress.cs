namespace Interview.Web.Archive;

/// <summary>The site's absolute address, for links that leave the page: feeds, the sitemap, metadata, downloads.</summary>
public static class SiteAddress
{
    /// <summary>The configured public address, or the request's own (scheme, host, base path) when none is set.</summary>
    public static string Base(HttpRequest request, InterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>A site-relative path ("/interviews/3#e2") made absolute; anything else is returned as it is.</summary>
    public static string Absolute(string siteBase, string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? siteBase + path : path;
}
