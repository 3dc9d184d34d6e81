using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Interview.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Archive;

/// <summary>The downloads of a published session: Markdown and the self-contained HTML snapshot.</summary>
public sealed partial class ArchiveExportTests(ArchiveSite site) : IClassFixture<ArchiveSite>
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task TheMarkdownHasTheFactsGuestsSummaryEveryEntryTheCorrectionAndTheStatistics()
    {
        var markdown = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/transcript.md");

        Assert.StartsWith("# 流感防控\\</script\\>\\<script\\>alert(\"x\")\\</script\\> \\*\\*疫苗\\*\\* \\& 答问\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- 栏目：测试栏目", markdown, StringComparison.Ordinal);
        Assert.Contains("- 访谈时间：2026年11月14日 10:00–11:00", markdown, StringComparison.Ordinal);
        Assert.Contains("- 发布时间：2026年11月15日 10:00", markdown, StringComparison.Ordinal);
        Assert.Contains("- 最后更新：2026年11月16日 10:00", markdown, StringComparison.Ordinal);
        Assert.Contains($"- 原文地址：<http://localhost/interviews/{site.ArchiveId}>", markdown, StringComparison.Ordinal);
        Assert.Contains("- **李卫东**　市疾病预防控制中心主任", markdown, StringComparison.Ordinal);
        Assert.Contains("从事\\*疾控\\*工作二十年。", markdown, StringComparison.Ordinal);
        // The summary is staff Markdown: kept as written, its site-relative link made absolute.
        Assert.Contains("本期**摘要**，详见[栏目](http://localhost/columns/archive-test)。", markdown, StringComparison.Ordinal);
        Assert.Contains($"### \\[主持人\\] 10:00 [#1](http://localhost/interviews/{site.ArchiveId}#e1)", markdown, StringComparison.Ordinal);
        Assert.Contains("### \\[网友 网友\\<b\\>甲\\</b\\>\\] 10:05", markdown, StringComparison.Ordinal);
        Assert.Contains("### \\[嘉宾 李卫东\\] 10:08", markdown, StringComparison.Ordinal);
        Assert.Contains($"可以接种，**一剂**即可。\n\n![现场照片](http://localhost{site.EntryPhotoUrl})", markdown, StringComparison.Ordinal);
        Assert.Contains("> **勘误**：本条于2026年11月16日 10:00更正。", markdown, StringComparison.Ordinal);
        Assert.Contains("更正说明：更正剂次", markdown, StringComparison.Ordinal);
        Assert.Contains("> > 可以接种，**两剂**间隔四周。", markdown, StringComparison.Ordinal);
        Assert.Contains("## 网友提问统计", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4 | 1 | 1 | 1 | 1 | 0 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACitizensQuestionIsEscapedSoThatNoMarkdownReaderTakesItAsMarkup()
    {
        var markdown = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/transcript.md");

        Assert.Contains(
            "\\*\\*老人\\*\\*能打吗？\\[点我\\](javascript\\:alert(1)) \\<b\\>急\\</b\\> \\`code\\`\\\n\\# 不是标题\\\n1\\. 不是列表\\\n\\> 不是引用 \\| 表 \\| 格 \\|",
            markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transcript.md")]
    [InlineData("snapshot.html")]
    public async Task DownloadsAreAttachmentsNamedAfterTheTitleInUtf8(string file)
    {
        using var response = await _client.GetAsync($"/interviews/{site.ArchiveId}/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.EndsWith(".md", StringComparison.Ordinal) ? "text/markdown" : "text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"interview-{site.ArchiveId}{Path.GetExtension(file)}", disposition.FileName);
        Assert.Equal($"流感防控__script__script_alert(_x_)__script_ __疫苗__ & 答问-文字实录{Path.GetExtension(file)}", disposition.FileNameStar);
    }

    [Theory]
    [InlineData("transcript.md")]
    [InlineData("snapshot.html")]
    public async Task OnlyPublishedSessionsOfferDownloads(string file)
    {
        foreach (var id in new[] { site.LiveId, site.ScheduledId, site.EndedId, site.DraftId, 987654 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/interviews/{id}/{file}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/interviews/{site.OlderArchiveId}/{file}")).StatusCode);
    }

    [Theory]
    [InlineData("transcript.md")]
    [InlineData("snapshot.html")]
    public async Task ExportsHoldNoUnapprovedQuestionAndNoPhoneNumber(string file)
    {
        var content = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/{file}");

        Assert.Contains("能打吗", content, StringComparison.Ordinal);
        foreach (var secret in new[] { ArchiveSite.PendingText, ArchiveSite.RejectedText, ArchiveSite.MergedText, "待审网友", "被拒网友", "重复网友", "与主题无关" })
        {
            Assert.DoesNotContain(secret, content, StringComparison.Ordinal);
        }
        foreach (var phone in ArchiveSite.Phones)
        {
            Assert.DoesNotContain(phone, content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheSnapshotReferencesNothingOutsideItselfButLinksBackToTheSite()
    {
        var html = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/snapshot.html");
        var document = new HtmlParser().ParseDocument(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, base, video, audio, source"));
        Assert.All(document.QuerySelectorAll("link"), l => Assert.StartsWith("data:", l.GetAttribute("href"), StringComparison.Ordinal));
        var images = document.QuerySelectorAll("img");
        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.StartsWith("data:image/", i.GetAttribute("src"), StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("[srcset], [style], [background], [poster]"));
        // Links go to the site by its absolute address, to other sites, or within the file: never site-relative.
        foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
        {
            Assert.Matches("^(http://localhost/|https://www\\.example\\.gov\\.cn/|#)", link);
        }
        Assert.Contains(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == $"http://localhost/interviews/{site.ArchiveId}#e3");
        // The site's stylesheet is inside, and it asks for nothing either.
        var style = Assert.Single(document.QuerySelectorAll("style")).TextContent;
        Assert.Contains(".entry-head{", style, StringComparison.Ordinal);
        Assert.Contains("@media print{", style, StringComparison.Ordinal);
        Assert.DoesNotMatch("url\\(|@import", style);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            document.QuerySelector("meta[http-equiv='Content-Security-Policy']")?.GetAttribute("content"));
        Assert.DoesNotMatch(ExternalReference(), html.Replace(style, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSnapshotCarriesTheGuestPhotoAndTheEntryPhotoInside()
    {
        var html = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/snapshot.html");
        var document = new HtmlParser().ParseDocument(html);
        var images = site.Services.GetRequiredService<ImageStore>();
        async Task<string> Inline(string url) => (await images.ReadAsync(url)) is var (bytes, type) ? $"data:{type};base64,{Convert.ToBase64String(bytes)}" : "";

        Assert.Equal(await Inline(site.GuestPhotoUrl), document.QuerySelector("section.guests img")!.GetAttribute("src"));
        Assert.Equal(await Inline(site.EntryPhotoUrl), document.QuerySelector("#e3 .entry-body img")!.GetAttribute("src"));
        Assert.StartsWith("data:image/", document.QuerySelector("#e3 .entry-body img")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("现场照片", document.QuerySelector("#e3 .entry-body img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task TheSnapshotShowsTheTranscriptSummaryGuestsCorrectionAndStatistics()
    {
        var html = await _client.GetStringAsync($"/interviews/{site.ArchiveId}/snapshot.html");
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal(ArchiveSite.Title, document.QuerySelector("h1")!.TextContent);
        Assert.Equal(ArchiveSite.Title + " - 在线访谈", document.Title);
        Assert.Contains("摘要", document.QuerySelector("section.summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("从事*疾控*工作二十年。", document.QuerySelector("section.guests .bio")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, document.QuerySelectorAll("ol.entries > li.entry").Length);
        Assert.Equal(ArchiveSite.AskedText.Replace("\n", "", StringComparison.Ordinal), document.QuerySelector("#e2 .entry-body")!.TextContent);
        var trail = document.QuerySelector("#e3 details.corrections")!;
        Assert.Contains("两剂", trail.TextContent, StringComparison.Ordinal);
        Assert.Contains("更正剂次", trail.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", document.QuerySelector("section.stats dd")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("form, .downloads, .live-controls"));
    }

    [Theory]
    [InlineData("/media/../interview.db")]
    [InlineData("/media/%2e%2e/interview.db")]
    [InlineData("/media/..%2finterview.db")]
    [InlineData("/media/guests/missing.png")]
    [InlineData("/media/notes.txt")]
    [InlineData("/img/guest.svg")]
    [InlineData("https://www.example.gov.cn/media/a.png")]
    public async Task TheSnapshotReadsOnlyStoredImagesFromTheImageStore(string url)
    {
        var images = site.Services.GetRequiredService<ImageStore>();
        Directory.CreateDirectory(images.Root);
        await File.WriteAllTextAsync(Path.Combine(images.Root, "notes.txt"), "not an image");

        Assert.Null(await images.ReadAsync(url));
        var (bytes, type) = (await images.ReadAsync(site.GuestPhotoUrl))!.Value;
        Assert.Equal((await images.FindAsync(site.GuestPhotoUrl))!.Bytes, bytes);
        Assert.Equal("image/png", type);
    }

    /// <summary>Any attribute or CSS that would make a browser fetch something from a server.</summary>
    [GeneratedRegex("(?:src|srcset|poster|data|action|formaction)\\s*=\\s*\"(?!data:)|url\\(\\s*['\"]?(?!data:)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
