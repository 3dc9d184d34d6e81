using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Interview.Web.Text;

namespace Interview.Web.Archive;

/// <summary>
/// The archive page's schema.org description (JSON-LD): an Article (the transcript) recorded at an Event (the online
/// interview), about the guests as Person with their post and unit, published by the site.
/// </summary>
public static class ArchiveMetadata
{
    private const int DescriptionLength = 200;

    // Chinese stays readable, while <, >, & and quotes are still written as \u003C etc.: the JSON sits inside a
    // <script> element, and "</script>" in a title must not end it.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string JsonLd(InterviewDetail detail, string siteBase, string siteName, SiteTime time, MarkdownRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(renderer);
        var card = detail.Card;
        var url = SiteAddress.Absolute(siteBase, card.Url);
        var publisher = new JsonObject { ["@type"] = "Organization", ["name"] = siteName, ["url"] = siteBase + "/" };
        var article = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = card.Title,
            ["name"] = card.Title,
            ["url"] = url,
            ["mainEntityOfPage"] = url,
            ["inLanguage"] = "zh-CN",
            ["articleSection"] = card.Column.Name,
            ["isPartOf"] = new JsonObject
            {
                ["@type"] = "CreativeWorkSeries",
                ["name"] = card.Column.Name,
                ["url"] = SiteAddress.Absolute(siteBase, PublicUrls.Column(card.Column.Slug)),
            },
            ["author"] = publisher.DeepClone(),
            ["publisher"] = publisher,
            ["dateModified"] = time.Iso(detail.LastChangedAt),
            ["about"] = new JsonArray([.. card.Guests.Select(g => Person(g, url, siteBase))]),
            ["recordedAt"] = new JsonObject
            {
                ["@type"] = "Event",
                ["name"] = card.Title,
                ["startDate"] = time.Iso(card.ScheduledStart),
                ["endDate"] = time.Iso(card.ScheduledEnd),
                ["eventStatus"] = "https://schema.org/EventScheduled",
                ["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode",
                ["location"] = new JsonObject { ["@type"] = "VirtualLocation", ["url"] = url },
                ["organizer"] = publisher.DeepClone(),
                // The same people as in "about", by reference.
                ["performer"] = new JsonArray([.. card.Guests.Select(g => new JsonObject { ["@id"] = PersonId(url, g) })]),
            },
        };
        if (detail.PublishedAt is { } published)
        {
            article["datePublished"] = time.Iso(published);
        }
        var summary = renderer.Render(detail.SummaryMarkdown).PlainText.ReplaceLineEndings(" ");
        if (summary.Length > 0)
        {
            article["description"] = Shorten(summary);
        }
        return article.ToJsonString(Json);
    }

    private static string Shorten(string text)
    {
        if (text.Length <= DescriptionLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[DescriptionLength - 1]) ? DescriptionLength - 1 : DescriptionLength;
        return text[..cut] + "…";
    }

    private static string PersonId(string url, GuestView guest) => $"{url}#guest-{guest.Id}";

    private static JsonObject Person(GuestView guest, string url, string siteBase)
    {
        var person = new JsonObject { ["@type"] = "Person", ["@id"] = PersonId(url, guest), ["name"] = guest.Name };
        if (guest.Position.Length > 0)
        {
            person["jobTitle"] = guest.Position;
        }
        if (guest.Organization.Length > 0)
        {
            person["worksFor"] = new JsonObject { ["@type"] = "Organization", ["name"] = guest.Organization };
        }
        if (guest.Bio.Length > 0)
        {
            person["description"] = guest.Bio;
        }
        if (guest.PhotoUrl is { } photo)
        {
            person["image"] = SiteAddress.Absolute(siteBase, photo);
        }
        return person;
    }
}
