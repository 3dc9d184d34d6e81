using System.Text;
using System.Xml;
using Interview.Domain.Interviews;
using Interview.Web.Archive;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Interview.Web.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Interview.Web.Feeds;

/// <summary>
/// RSS 2.0 per column and the sitemap, written with XmlWriter so that any text is escaped correctly as XML. Feed readers
/// then take an item's title and description as HTML, so staff text (titles, guests' names, posts and units, the
/// column's name and description) goes in as HTML text first: after the XML unescape, &lt;img onerror&gt; is still text.
/// </summary>
public static class FeedEndpoints
{
    private const int FeedItems = 30;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/columns/{slug}/feed.xml", ColumnFeed).ExcludeFromDescription().AllowAnonymous().EdgeCacheable();
        app.MapGet("/sitemap.xml", Sitemap).ExcludeFromDescription().AllowAnonymous().EdgeCacheable();
        return app;
    }

    private static async Task<IResult> ColumnFeed(
        string slug, HttpContext http, PublicCatalog catalog, SiteTime time, IOptions<InterviewOptions> options,
        IStringLocalizer<Resources.Feeds> words, CancellationToken cancellationToken)
    {
        var column = await catalog.ColumnAsync(slug, cancellationToken);
        if (column is null)
        {
            return Results.NotFound();
        }
        var items = await catalog.FeedAsync(column, FeedItems, cancellationToken);
        EdgeCache.Fresh(http, EdgeCache.Listing);
        if (items.Count > 0)
        {
            // For feed readers that ask If-Modified-Since rather than If-None-Match: the newest item's time.
            http.Response.Headers.LastModified = items.Max(i => i.Date).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        }
        var site = SiteAddress.Base(http.Request, options.Value);
        var xml = Write(writer =>
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", AsHtml(words["ChannelTitle", column.Name, SiteCultures.SiteName(options.Value)]));
            writer.WriteElementString("link", site + PublicUrls.Column(column.Slug));
            writer.WriteElementString("description", AsHtml(column.Description.Length > 0 ? column.Description : column.Name));
            writer.WriteElementString("language", words["Language"]);
            foreach (var (card, date) in items)
            {
                var url = site + card.Url;
                writer.WriteStartElement("item");
                writer.WriteElementString("title", AsHtml(words["ItemTitle", DisplayNames.Status(card.Status), card.Title]));
                writer.WriteElementString("link", url);
                // An archive is the session's lasting form: its guid is the permanent address. A preview or live session
                // gets a guid of its own state, so that readers announce the archive as new when it is published.
                var archive = card.Status == InterviewStatus.Published;
                writer.WriteStartElement("guid");
                writer.WriteAttributeString("isPermaLink", archive ? "true" : "false");
                writer.WriteString(archive ? url : $"{url}#{card.Status.ToString().ToLowerInvariant()}");
                writer.WriteEndElement();
                writer.WriteElementString("description", AsHtml(Describe(card, time, words)));
                writer.WriteElementString("pubDate", date.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        return Results.Text(xml, "application/rss+xml; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> Sitemap(
        HttpContext http, PublicCatalog catalog, SiteTime time, IOptions<InterviewOptions> options,
        CancellationToken cancellationToken)
    {
        var items = await catalog.SitemapAsync(cancellationToken);
        EdgeCache.Fresh(http, EdgeCache.Settled);
        var site = SiteAddress.Base(http.Request, options.Value);
        var xml = Write(writer =>
        {
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var item in items)
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", site + item.Path);
                if (item.LastModified is { } changed)
                {
                    writer.WriteElementString("lastmod", time.Iso(changed));
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
        return Results.Text(xml, "application/xml; charset=utf-8", Encoding.UTF8);
    }

    private static string Describe(InterviewCard item, SiteTime time, IStringLocalizer<Resources.Feeds> words)
    {
        var guests = string.Join(words["GuestSeparator"], item.Guests.Select(g => $"{g.Credential} {g.Name}".Trim()));
        return words["ItemDescription", time.DateTime(item.ScheduledStart), guests];
    }

    /// <summary>Text as HTML text, in characters XML can carry.</summary>
    private static string AsHtml(string text) => MarkdownRenderer.EscapeText(Safe(text));

    /// <summary>Drops characters that XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    private static string Safe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }

    private static string Write(Action<XmlWriter> body)
    {
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings
        {
            Encoding = Encoding.UTF8,
            Indent = false,
            CheckCharacters = true,
        }))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        // StringBuilder output declares utf-16; the response is UTF-8.
        return buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
