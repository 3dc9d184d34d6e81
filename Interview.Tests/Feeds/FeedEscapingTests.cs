using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interview.Domain.Interviews;
using Interview.Tests.Search;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Feeds;

/// <summary>
/// Staff text is text in every machine-read output: each of 60 XSS payloads is a column's name and description, a
/// session's title, a guest's name, post, unit and bio. Every column feed parses as XML and, after the one XML
/// unescape, each title and description is HTML without a single element, comment or attribute (the text is all there,
/// as text); the archive page's JSON-LD gives the text back exactly and the page has the same elements and attributes
/// as a page made of harmless text; the sitemap holds only our own addresses.
/// </summary>
public sealed partial class FeedEscapingTests(FeedEscapingTests.Site site) : IClassFixture<FeedEscapingTests.Site>
{
    private static readonly HtmlParser Html = new();

    public sealed class Site : SearchSite, IAsyncLifetime
    {
        public List<(string Payload, string Slug, int Id)> Sessions { get; } = [];
        public int ControlId { get; private set; }

        public async Task InitializeAsync()
        {
            foreach (var (payload, i) in XssPayloads.All.Select((p, i) => (p, i)))
            {
                Sessions.Add((payload, $"xss-{i}", await PublishedAsync(Clip(payload, 50), $"xss-{i}", payload, payload)));
            }
            ControlId = await PublishedAsync("对照栏目", "control", "对照栏目简介", "对照访谈的标题文字");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        /// <summary>A column and a published session in it whose every text is <paramref name="text"/> (or the column's).</summary>
        private async Task<int> PublishedAsync(string columnName, string slug, string description, string text)
        {
            var admin = await AdminAsync();
            var column = await Services.GetRequiredService<ColumnAdmin>().CreateAsync(admin, new ColumnEdit(columnName, slug, description, 0));
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            var session = await Services.GetRequiredService<InterviewAdmin>().CreateAsync(admin, new NewInterview(
                column.Id, Clip(text, 100), "背景", start, start.AddHours(1),
                [new GuestEdit(Clip(text, 50), Clip(text, 100), Clip(text, 100), text), new GuestEdit("王敏", "主任", Clip(text, 100), null)]));
            await MoveAsync(session.Id, InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended, InterviewStatus.Published);
            return session.Id;
        }
    }

    [Fact]
    public async Task EveryFeedTitleAndDescriptionIsTextAfterOneUnescape()
    {
        using var client = site.CreateClient();
        var markup = new List<string>();
        foreach (var (payload, slug, _) in site.Sessions)
        {
            var channel = XDocument.Parse(await client.GetStringAsync($"/columns/{slug}/feed.xml")).Root!.Element("channel")!;
            var item = Assert.Single(channel.Elements("item"));

            markup.AddRange(new[]
            {
                MarkupIn(channel.Element("title")!.Value, Clip(payload, 50)),
                MarkupIn(channel.Element("description")!.Value, payload),
                MarkupIn(item.Element("title")!.Value, payload),
                MarkupIn(item.Element("description")!.Value, Clip(payload, 50)),
            }.OfType<string>());
        }
        Assert.True(markup.Count == 0, $"{markup.Count} of {4 * site.Sessions.Count} fields are not text:\n{string.Join("\n", markup)}");
    }

    [Fact]
    public async Task TheArchivePageAndItsJsonLdCarryStaffTextAsTextOnly()
    {
        using var client = site.CreateClient();
        var control = Structure(await Html.ParseDocumentAsync(await client.GetStringAsync($"/interviews/{site.ControlId}")));
        foreach (var (payload, _, id) in site.Sessions)
        {
            var page = await Html.ParseDocumentAsync(await client.GetStringAsync($"/interviews/{id}"));

            Assert.True(control.SequenceEqual(Structure(page)), $"the page of session {id} has other elements or attributes with «{payload}»");
            var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
            var json = JsonDocument.Parse(script.TextContent).RootElement;
            Assert.Equal(payload, json.GetProperty("headline").GetString());
            Assert.Equal(Clip(payload, 50), json.GetProperty("articleSection").GetString());
            var guest = json.GetProperty("about")[0];
            Assert.Equal(Clip(payload, 50), guest.GetProperty("name").GetString());
            Assert.Equal(payload, guest.GetProperty("jobTitle").GetString());
            Assert.Equal(payload, guest.GetProperty("worksFor").GetProperty("name").GetString());
            Assert.Equal(payload, guest.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task TheSitemapHoldsOnlyOurOwnAddresses()
    {
        using var client = site.CreateClient();
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = XDocument.Parse(await client.GetStringAsync("/sitemap.xml")).Root!.Elements(ns + "url")
            .Select(u => u.Element(ns + "loc")!.Value).ToList();

        Assert.True(locations.Count > XssPayloads.All.Length);
        Assert.All(locations, loc => Assert.Matches(OwnAddress(), loc));
    }

    /// <summary>
    /// Null when <paramref name="html"/>, read as HTML, is text only (no element, comment or other node, in the head or
    /// the body: a &lt;title&gt; or &lt;meta&gt; that escaped would land in the head) and holds
    /// <paramref name="expected"/>; otherwise what is wrong.
    /// </summary>
    private static string? MarkupIn(string html, string expected)
    {
        var document = Html.ParseDocument(html);
        if (document.Head!.ChildNodes.Length > 0 || document.Body!.ChildNodes.Any(n => n.NodeType != NodeType.Text))
        {
            return $"markup in «{html}»";
        }
        return document.Body.TextContent.Contains(expected, StringComparison.Ordinal) ? null : $"«{expected}» is not in «{html}»";
    }

    /// <summary>Every element in document order with the names of its attributes: what a page is made of, not what it says.</summary>
    private static List<string> Structure(IDocument page) =>
        [.. page.All.Select(e => e.LocalName + "(" + string.Join(",", e.Attributes.Select(a => a.Name).Order()) + ")")];

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"^http://localhost/(columns/[a-z0-9-]+|interviews/\d+)?$")]
    private static partial Regex OwnAddress();
}
