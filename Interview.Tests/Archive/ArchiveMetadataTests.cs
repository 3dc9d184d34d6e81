using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;

namespace Interview.Tests.Archive;

/// <summary>What the archive tells machines: JSON-LD on the page, the column feed, the sitemap, the feed link.</summary>
public sealed class ArchiveMetadataTests(ArchiveSite site) : IClassFixture<ArchiveSite>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task TheArchivePageDescribesItselfAsAnArticleAboutItsGuests()
    {
        using var json = JsonDocument.Parse(JsonLd(await _client.GetStringAsync($"/interviews/{site.ArchiveId}")));
        var article = json.RootElement;

        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("Article", article.GetProperty("@type").GetString());
        Assert.Equal(ArchiveSite.Title, article.GetProperty("headline").GetString());
        Assert.Equal($"http://localhost/interviews/{site.ArchiveId}", article.GetProperty("url").GetString());
        Assert.Equal("2026-11-15T10:00:00+08:00", article.GetProperty("datePublished").GetString());
        Assert.Equal("2026-11-16T10:00:00+08:00", article.GetProperty("dateModified").GetString());
        Assert.Equal("本期摘要，详见栏目。", article.GetProperty("description").GetString());
        Assert.Equal("在线访谈", article.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("测试栏目", article.GetProperty("isPartOf").GetProperty("name").GetString());
        var guest = Assert.Single(article.GetProperty("about").EnumerateArray().ToList());
        Assert.Equal("Person", guest.GetProperty("@type").GetString());
        Assert.Equal("李卫东", guest.GetProperty("name").GetString());
        Assert.Equal("主任", guest.GetProperty("jobTitle").GetString());
        Assert.Equal("市疾病预防控制中心", guest.GetProperty("worksFor").GetProperty("name").GetString());
        Assert.Equal("http://localhost" + site.GuestPhotoUrl, guest.GetProperty("image").GetString());
        var session = article.GetProperty("recordedAt");
        Assert.Equal("Event", session.GetProperty("@type").GetString());
        Assert.Equal("2026-11-14T10:00:00+08:00", session.GetProperty("startDate").GetString());
        Assert.Equal(guest.GetProperty("@id").GetString(), session.GetProperty("performer")[0].GetProperty("@id").GetString());
    }

    [Fact]
    public async Task AHostileTitleCannotEndTheJsonLdBlock()
    {
        var html = await _client.GetStringAsync($"/interviews/{site.ArchiveId}");
        var block = JsonLd(html);

        Assert.DoesNotContain("<", block, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", block, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        // The data block is the page's only inline script element, and it is not one a browser runs; the only other
        // script is the site's own read-aloud file (issue 12).
        var scripts = new HtmlParser().ParseDocument(html).QuerySelectorAll("script").ToList();
        Assert.Equal("application/ld+json", Assert.Single(scripts, s => s.TextContent.Length > 0).GetAttribute("type"));
        Assert.All(scripts.Where(s => s.GetAttribute("type") != "application/ld+json"),
            s => Assert.Matches("^js/read-aloud\\.[^/]*js$", s.GetAttribute("src") ?? ""));
    }

    [Fact]
    public async Task OnlyTheArchiveCarriesJsonLdAndDownloads()
    {
        var archive = await _client.GetStringAsync($"/interviews/{site.ArchiveId}");
        Assert.Contains($"href=\"/interviews/{site.ArchiveId}/transcript.md\"", archive, StringComparison.Ordinal);
        Assert.Contains($"href=\"/interviews/{site.ArchiveId}/snapshot.html\"", archive, StringComparison.Ordinal);

        foreach (var id in new[] { site.LiveId, site.ScheduledId, site.EndedId })
        {
            var html = await _client.GetStringAsync($"/interviews/{id}");
            Assert.DoesNotContain("application/ld+json", html, StringComparison.Ordinal);
            Assert.DoesNotContain("transcript.md", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SessionAndColumnPagesLinkToTheColumnFeed()
    {
        foreach (var path in new[] { $"/interviews/{site.ArchiveId}", $"/interviews/{site.LiveId}", $"/interviews/{site.ScheduledId}", "/columns/archive-test" })
        {
            var document = new HtmlParser().ParseDocument(await _client.GetStringAsync(path));
            var feed = document.QuerySelector("head link[rel=alternate][type='application/rss+xml']");
            Assert.True(feed is not null, $"{path} has no feed link");
            Assert.Equal("/columns/archive-test/feed.xml", feed.GetAttribute("href"));
            Assert.Equal("测试栏目", feed.GetAttribute("title"));
        }
    }

    [Fact]
    public async Task TheTextOnlyLivePageKeepsItsFeedLinkBesideItsRefresh()
    {
        var head = new HtmlParser().ParseDocument(await _client.GetStringAsync($"/interviews/{site.LiveId}?mode=text&refresh=30")).Head!;

        Assert.NotNull(head.QuerySelector("link[rel=alternate][type='application/rss+xml']"));
        Assert.Equal("30", head.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task TheColumnFeedCarriesTheArchivesNewestFirstDatedByTheirPublication()
    {
        var items = XDocument.Parse(await _client.GetStringAsync("/columns/archive-test/feed.xml"))
            .Root!.Element("channel")!.Elements("item").ToList();
        var dates = items.Select(i => DateTimeOffset.Parse(i.Element("pubDate")!.Value, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(dates.OrderDescending(), dates);
        var archives = items.Where(i => i.Element("guid")!.Attribute("isPermaLink")!.Value == "true").ToList();
        Assert.Equal(
            [$"http://localhost/interviews/{site.ArchiveId}", $"http://localhost/interviews/{site.OlderArchiveId}"],
            archives.Select(i => i.Element("guid")!.Value));
        Assert.All(archives, i => Assert.Equal(i.Element("guid")!.Value, i.Element("link")!.Value));
        Assert.Equal(ArchiveSite.PublishedAt, DateTimeOffset.Parse(archives[0].Element("pubDate")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(ArchiveSite.OlderPublishedAt, DateTimeOffset.Parse(archives[1].Element("pubDate")!.Value, CultureInfo.InvariantCulture));
        // Readers take the title as HTML: the staff's markup in it is HTML text.
        Assert.Equal($"【文字实录】{ArchiveSite.Title}", System.Net.WebUtility.HtmlDecode(archives[0].Element("title")!.Value));
        Assert.DoesNotContain('<', archives[0].Element("title")!.Value);
        // A session that is not an archive yet has a guid of its own, so that its archive is news when it comes.
        var live = Assert.Single(items, i => i.Element("link")!.Value.EndsWith($"/interviews/{site.LiveId}", StringComparison.Ordinal));
        Assert.Equal($"http://localhost/interviews/{site.LiveId}#live", live.Element("guid")!.Value);
        Assert.Equal("false", live.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal(5, items.Count);
        Assert.DoesNotContain(items, i => i.Element("link")!.Value.EndsWith($"/interviews/{site.DraftId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSitemapGivesEverySessionItsLastChangeCorrectionsIncluded()
    {
        var urls = XDocument.Parse(await _client.GetStringAsync("/sitemap.xml")).Root!.Elements(Sitemap + "url")
            .ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")?.Value);

        // Corrected a day after publication without the session itself changing: the correction is the last change.
        Assert.Equal("2026-11-16T10:00:00+08:00", urls[$"http://localhost/interviews/{site.ArchiveId}"]);
        Assert.Equal("2026-10-21T10:00:00+08:00", urls[$"http://localhost/interviews/{site.OlderArchiveId}"]);
        foreach (var id in new[] { site.LiveId, site.ScheduledId, site.EndedId })
        {
            Assert.True(urls.ContainsKey($"http://localhost/interviews/{id}"), $"session {id} missing");
        }
        Assert.False(urls.ContainsKey($"http://localhost/interviews/{site.DraftId}"));
        Assert.Equal(urls.Where(u => u.Key.Contains("/interviews/", StringComparison.Ordinal)).Max(u => u.Value), urls["http://localhost/columns/archive-test"]);
    }

    private static string JsonLd(string html)
    {
        var blocks = new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']");
        return Assert.Single(blocks).TextContent;
    }
}
