using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Interview.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Web;

/// <summary>Every public route and API endpoint of CONTRACT.md, through the real pipeline on the demo data.</summary>
public sealed class PublicSiteTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private readonly HttpClient _client = site.CreateClient();

    [Theory]
    [InlineData("/", "正在直播")]
    [InlineData("/", "访谈预告")]
    [InlineData("/", "往期回顾")]
    [InlineData("/columns/health", "卫健在线")]
    [InlineData("/columns/policy", "政策解读")]
    [InlineData("/embed/columns/health", "科学防控秋冬季流感")]
    public async Task PublicPagesAnswerInChinese(string path, string text)
    {
        var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheArchiveShowsSpeakersTimesPermalinksSummaryAndTheCorrection()
    {
        var id = await site.DemoInterviewIdAsync("published");
        var html = await _client.GetStringAsync($"/interviews/{id}");

        Assert.Contains("访谈摘要", html, StringComparison.Ordinal);
        Assert.Contains("[主持人]", html, StringComparison.Ordinal);
        Assert.Contains("[嘉宾 李卫东]", html, StringComparison.Ordinal);
        Assert.Contains("[网友 市民小王]", html, StringComparison.Ordinal);
        Assert.Contains("id=\"e1\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/interviews/{id}#e20\"", html, StringComparison.Ordinal);
        Assert.Matches("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT10:\\d\\d:\\d\\d", html);
        Assert.Contains("已更正", html, StringComparison.Ordinal);
        Assert.Contains("网友提问统计", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewShowsTopicTimeAndGuestsWithBios()
    {
        var id = await site.DemoInterviewIdAsync("scheduled");
        var html = await _client.GetStringAsync($"/interviews/{id}");

        Assert.Contains("访谈背景", html, StringComparison.Ordinal);
        Assert.Contains("访谈嘉宾", html, StringComparison.Ordinal);
        Assert.Contains("赵国强", html, StringComparison.Ordinal);
        Assert.Contains("孙丽", html, StringComparison.Ordinal);
        Assert.Contains("class=\"bio\"", html, StringComparison.Ordinal);
        Assert.Contains("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("文字实录</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPagesCarryNoBlazorScriptNoMudBlazorAndNoThirdPartyHost()
    {
        foreach (var path in new[] { "/", "/columns/health", $"/interviews/{await site.DemoInterviewIdAsync("published")}" })
        {
            var html = await _client.GetStringAsync(path);
            Assert.DoesNotContain("blazor.web.js", html, StringComparison.Ordinal);
            Assert.DoesNotContain("MudBlazor", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            // No script a browser runs but the site's own read-aloud on a session page (issue 12); the archive's JSON-LD
            // is a data block.
            Assert.DoesNotMatch("<script(?! type=\"application/ld\\+json\">)(?! src=\"js/read-aloud\\.[^\"/]*js\" defer>)", html);
        }
    }

    [Theory]
    [InlineData("/interviews/99999")]
    [InlineData("/columns/no-such-column")]
    [InlineData("/embed/columns/no-such-column")]
    [InlineData("/no/such/page")]
    public async Task UnknownAddressesGiveTheNotFoundPage(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftSessionsAreNotPublic()
    {
        var draftId = await site.AddDraftAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/interviews/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/interviews/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/interviews/{draftId}/entries")).StatusCode);
        Assert.DoesNotContain("草稿测试", await _client.GetStringAsync("/api/v1/interviews"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/interviews/{draftId}<", await _client.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheColumnFeedIsRss2()
    {
        var response = await _client.GetAsync("/columns/health/feed.xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.0", xml.Root!.Attribute("version")!.Value);
        var items = xml.Root.Element("channel")!.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.Element("title")!.Value.Contains("科学防控秋冬季流感", StringComparison.Ordinal));
        Assert.All(items, i => Assert.StartsWith("http://localhost/interviews/", i.Element("link")!.Value, StringComparison.Ordinal));
        Assert.All(items, i => Assert.True(DateTimeOffset.TryParse(i.Element("pubDate")!.Value, out _)));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/columns/nope/feed.xml")).StatusCode);
    }

    [Fact]
    public async Task TheSitemapListsEveryPublicSessionWithItsLastChange()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = xml.Root!.Elements(ns + "url").ToDictionary(u => u.Element(ns + "loc")!.Value, u => u.Element(ns + "lastmod")?.Value);

        foreach (var status in new[] { "published", "scheduled", "live" })
        {
            var loc = $"http://localhost/interviews/{await site.DemoInterviewIdAsync(status)}";
            Assert.True(urls.ContainsKey(loc), $"{loc} missing");
            Assert.True(DateTimeOffset.TryParse(urls[loc], out _));
        }
        Assert.Contains("http://localhost/columns/health", urls.Keys);
    }

    [Fact]
    public async Task ColumnsApiListsBothColumns()
    {
        var json = await GetJsonAsync("/api/v1/columns");
        var slugs = json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Equal(["health", "policy"], slugs);
        Assert.Equal("卫健在线", json.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("?column=health", 2)]
    [InlineData("?column=policy", 1)]
    [InlineData("?status=published", 1)]
    [InlineData("?status=live", 1)]
    [InlineData("?column=policy&status=live", 0)]
    [InlineData("?page=2", 3)]
    public async Task InterviewsApiFiltersByColumnAndStatus(string query, int total)
    {
        var json = await GetJsonAsync("/api/v1/interviews" + query);
        Assert.Equal(total, json.GetProperty("total").GetInt32());
        Assert.All(json.GetProperty("items").EnumerateArray(), i => Assert.NotEqual("draft", i.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/interviews?status=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/interviews?status=draft", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/interviews?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/interviews?column=nope", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/interviews/99999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/interviews/99999/entries", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound)]
    public async Task ApiErrorsAreProblemDetailsWithAMessage(string path, HttpStatusCode status)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task InterviewApiGivesGuestsAndStatistics()
    {
        var id = await site.DemoInterviewIdAsync("published");
        var json = await GetJsonAsync($"/api/v1/interviews/{id}");

        Assert.Equal("published", json.GetProperty("status").GetString());
        Assert.Equal("health", json.GetProperty("column").GetProperty("slug").GetString());
        Assert.EndsWith("+08:00", json.GetProperty("scheduledStart").GetString(), StringComparison.Ordinal);
        Assert.Equal("李卫东", json.GetProperty("guests")[0].GetProperty("name").GetString());
        Assert.Equal("市疾病预防控制中心主任", json.GetProperty("guests")[0].GetProperty("title").GetString());
        var stats = json.GetProperty("stats");
        Assert.Equal(15, stats.GetProperty("received").GetInt32());
        Assert.Equal(11, stats.GetProperty("approved").GetInt32());
        Assert.Equal(2, stats.GetProperty("merged").GetInt32());
        Assert.Equal(10, stats.GetProperty("answeredLive").GetInt32());
        Assert.Equal(1, stats.GetProperty("answeredLater").GetInt32());
        Assert.Equal(2, stats.GetProperty("rejected").GetInt32());
        Assert.True(stats.GetProperty("medianSecondsToAnswer").GetInt64() > 0);
    }

    [Fact]
    public async Task TheDemoArchiveFollowsItsOwnRulesEveryApprovedQuestionIsAnsweredTheLateOneByAFollowUp()
    {
        var id = await site.DemoInterviewIdAsync("published");
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var questions = db.Questions.Where(q => q.InterviewId == id).ToList();
        var entries = (await GetJsonAsync($"/api/v1/interviews/{id}/entries")).GetProperty("items").EnumerateArray().ToList();

        Assert.DoesNotContain(questions, q => q.Status == Interview.Domain.Questions.QuestionStatus.Approved);
        var late = Assert.Single(questions, q => q.AnsweredLater);
        Assert.NotNull(late.FollowUpDueAt);
        Assert.True(late.AnsweredAt <= late.FollowUpDueAt, "the demo's follow-up is answered on time");
        var followUp = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "followup");
        Assert.Equal(late.Id, followUp.GetProperty("questionId").GetInt32());
    }

    [Fact]
    public async Task EntriesApiReturnsExactlyTheEntriesAfterSeqInOrder()
    {
        var id = await site.DemoInterviewIdAsync("published");
        var all = (await GetJsonAsync($"/api/v1/interviews/{id}/entries")).GetProperty("items").EnumerateArray().ToList();
        var after = (await GetJsonAsync($"/api/v1/interviews/{id}/entries?afterSeq=25")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.True(all.Count >= 20);
        Assert.Equal(Enumerable.Range(26, all.Count - 25), after.Select(e => e.GetProperty("seq").GetInt32()));
        var first = all[0];
        foreach (var field in new[] { "seq", "kind", "speaker", "html", "text", "publishedAt", "url" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"Entry lacks {field}");
        }
        Assert.Equal("host", first.GetProperty("kind").GetString());
        Assert.Equal("主持人", first.GetProperty("speaker").GetString());
        Assert.Equal($"/interviews/{id}#e1", first.GetProperty("url").GetString());
        var question = all.First(e => e.GetProperty("kind").GetString() == "question");
        Assert.True(question.GetProperty("questionId").GetInt32() > 0);
        Assert.StartsWith("网友 ", question.GetProperty("speaker").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewHasNoEntriesYet()
    {
        var id = await site.DemoInterviewIdAsync("scheduled");
        var json = await GetJsonAsync($"/api/v1/interviews/{id}/entries");
        Assert.Empty(json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task JsonKeepsChineseAsUtf8()
    {
        var raw = await _client.GetStringAsync("/api/v1/columns");
        Assert.Contains("卫健在线", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesThePublicApi()
    {
        var json = await GetJsonAsync("/openapi/v1.json");
        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/columns", "/api/v1/interviews", "/api/v1/interviews/{id}", "/api/v1/interviews/{id}/entries" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from OpenAPI");
        }
    }

    [Fact]
    public async Task PagesSendASecurityPolicyAndOnlyConfiguredPortalsMayFrameTheWidget()
    {
        var page = await _client.GetAsync("/");
        var embed = await _client.GetAsync("/embed/columns/health");

        var pagePolicy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self'", pagePolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", pagePolicy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", page.Headers.GetValues("X-Frame-Options").Single());
        var embedPolicy = string.Join(' ', embed.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self' https://portal.example.gov.cn", embedPolicy, StringComparison.Ordinal);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task StaticAssetsAreFingerprintedAndCachedForAYear()
    {
        var html = await _client.GetStringAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(css/site\\.[a-z0-9]+\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(css);

        var response = await _client.GetAsync("/" + css);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.ToString().Contains("immutable", StringComparison.Ordinal), $"Cache-Control: {response.Headers.CacheControl}; {css}");
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task ErrorsShowAGenericPageWithoutDetails()
    {
        var response = await _client.GetAsync("/error");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("出错了", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
