using System.Security.Cryptography;
using Interview.Domain.Interviews;
using Microsoft.Net.Http.Headers;

namespace Interview.Web.Hosting;

/// <summary>
/// Marks a public page or endpoint whose response is the same for every reader who sends no cookie, so that the
/// portal's CDN or an nginx micro-cache in front (deploy/nginx/micro-cache.conf) may carry it: see <see cref="EdgeCaching"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EdgeCacheableAttribute : Attribute;

/// <summary>
/// How long a response may be reused, said by the page or endpoint that made it (<see cref="EdgeCache.Fresh"/>). Without
/// it the response is sent as it is, uncached: a page that is cacheable only in some states (a rehearsal's private view
/// is not) says so by not calling it.
/// </summary>
public sealed class EdgeCacheFeature
{
    public TimeSpan? Fresh { get; set; }
}

public static class EdgeCache
{
    /// <summary>A live session's page and entries: the stream fills in what happened since, so a few seconds are enough.</summary>
    public static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    /// <summary>A preview: its countdown polls the session's state, so half a minute costs nothing.</summary>
    public static readonly TimeSpan Scheduled = TimeSpan.FromSeconds(30);
    /// <summary>Lists (home, a column, feeds, the list API): a session going live shows within half a minute.</summary>
    public static readonly TimeSpan Listing = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Everything else (archives, lists, feeds): a minute. Short on purpose: a correction or a takedown after a complaint
    /// must reach readers within a minute, and a minute already carries a rush of first visits.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(60);

    /// <summary>How long a session's page, entries and details may be reused, by its state.</summary>
    public static TimeSpan For(InterviewStatus status) => status switch
    {
        InterviewStatus.Live => Live,
        InterviewStatus.Scheduled => Scheduled,
        _ => Settled,
    };

    /// <summary>Lets this response be reused for <paramref name="fresh"/> (by the browser, and by shared caches when the request had no cookie).</summary>
    public static void Fresh(HttpContext? http, TimeSpan fresh)
    {
        if (http?.Features.Get<EdgeCacheFeature>() is { } feature)
        {
            feature.Fresh = fresh;
        }
    }

    /// <summary>Marks an endpoint as <see cref="EdgeCacheableAttribute"/>.</summary>
    public static TBuilder EdgeCacheable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EdgeCacheableAttribute());
}

/// <summary>
/// Edge caching for public pages, feeds and the public API (issue "fan-out": a district portal's uplink may be 2 Mbit/s).
/// For an endpoint marked <see cref="EdgeCacheableAttribute"/> that said how fresh its answer stays, the response gets a
/// weak ETag (a hash of the body, so it is right whatever changed: a correction, a new entry, the footer), a 304 when the
/// reader already has it, and <c>Cache-Control</c>: <c>public, max-age, s-maxage</c> when the request carried no cookie
/// (the one rendering every cookie-less reader of that address and language gets), <c>private</c> otherwise (a language
/// or display-mode cookie, a signed-in member of staff). <c>Vary: Accept-Language, Cookie</c> keeps a shared cache from
/// handing the Chinese page to an English browser or a cookie-less page to a staff member.
/// Such a page holds nothing of one reader's: no antiforgery token (the question form on a session page proves its origin
/// instead: <see cref="SameOrigin"/>), no per-form key; the antiforgery cookie Blazor sets for every page is dropped from
/// it, and a body that holds a token anyway is never shared.
/// </summary>
public sealed class EdgeCaching(RequestDelegate next)
{
    private static ReadOnlySpan<byte> AntiforgeryField => "__RequestVerificationToken"u8;
    private const string AntiforgeryCookie = ".AspNetCore.Antiforgery.";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<EdgeCacheableAttribute>() is null)
        {
            await next(context);
            return;
        }

        var feature = new EdgeCacheFeature();
        context.Features.Set(feature);
        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }

        if (response.HasStarted || response.StatusCode != StatusCodes.Status200OK || feature.Fresh is not { } fresh)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
            return;
        }

        var content = WithoutComponentState(buffer);
        var shared = !request.Headers.ContainsKey(HeaderNames.Cookie) && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && content.Span.IndexOf(AntiforgeryField) < 0;
        var etag = $"W/\"{Convert.ToBase64String(SHA256.HashData(content.Span), 0, 18)}\"";
        var headers = response.Headers;
        headers.ETag = etag;
        var seconds = (int)fresh.TotalSeconds;
        headers.CacheControl = shared ? $"public, max-age={seconds}, s-maxage={seconds}" : $"private, max-age={seconds}";
        headers.Remove(HeaderNames.Pragma);
        headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
        if (shared)
        {
            // Blazor stores an antiforgery cookie for every page it renders; this one has no form that needs it, and a
            // shared cache would not keep a response that sets a cookie.
            headers.SetCookie = new(headers.SetCookie.Where(c => c is not null && !c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal)).ToArray());
        }

        if (request.Headers.IfNoneMatch.Count > 0 ? Matches(request.Headers.IfNoneMatch, etag) : NotModifiedSince(request, headers))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentLength = null;
            headers.ContentType = default;
            return;
        }
        headers.ContentLength = content.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await body.WriteAsync(content, context.RequestAborted);
        }
    }

    /// <summary>Whether <paramref name="ifNoneMatch"/> names <paramref name="etag"/> (weak comparison, as for GET), or is <c>*</c>.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        var opaque = etag[2..];
        foreach (var value in ifNoneMatch)
        {
            foreach (var tag in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == etag || tag == opaque || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == opaque))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// For clients that remember only the time (feed readers): not modified when the response says when it last changed
    /// (<c>Last-Modified</c>, only where that time covers everything in it) and that is no later than what they have.
    /// </summary>
    private static bool NotModifiedSince(HttpRequest request, IHeaderDictionary headers) =>
        request.GetTypedHeaders().IfModifiedSince is { } since
        && DateTimeOffset.TryParse(headers.LastModified, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var changed)
        && changed <= since;

    /// <summary>
    /// The body without the component state Blazor writes at the end of every page it renders (a comment holding, among
    /// others, this reader's antiforgery token, encrypted afresh each time). Public pages load no Blazor script, so nothing
    /// reads it; left in, it would make every rendering differ (no ETag would ever match) and hand one reader's token to
    /// everyone a cache serves.
    /// </summary>
    private static ReadOnlyMemory<byte> WithoutComponentState(MemoryStream buffer)
    {
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var start = bytes.Span.IndexOf(ComponentState);
        if (start < 0)
        {
            return bytes;
        }
        var length = bytes.Span[start..].IndexOf("-->"u8);
        if (length < 0)
        {
            return bytes;
        }
        var end = start + length + 3;
        var kept = new byte[bytes.Length - (end - start)];
        bytes.Span[..start].CopyTo(kept);
        bytes.Span[end..].CopyTo(kept.AsSpan(start));
        return kept;
    }

    private static ReadOnlySpan<byte> ComponentState => "<!--Blazor-Server-Component-State:"u8;
}
