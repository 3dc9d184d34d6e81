using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Web;

/// <summary>
/// Public pages, feeds and the public API can be carried by a CDN or nginx in front (Hosting/EdgeCaching): an ETag and
/// 304s, Cache-Control with s-maxage by the session's state, and nothing of one reader's in what is shared.
/// </summary>
public sealed partial class EdgeCachingTests(EdgeCachingTests.Site site) : IClassFixture<EdgeCachingTests.Site>
{
    public sealed class Site : StaffSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
    }

    [Theory]
    [InlineData("live", 5)]
    [InlineData("scheduled", 30)]
    [InlineData("published", 60)]
    public async Task ASessionPageIsSharedForAsLongAsItsStateAllowsAndRevalidatesTo304(string state, int seconds)
    {
        var id = await site.DemoInterviewIdAsync(state);
        using var reader = Reader();

        using var first = await reader.GetAsync($"/interviews/{id}");
        var html = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal($"public, max-age={seconds}, s-maxage={seconds}", first.Headers.CacheControl?.ToString());
        Assert.True(first.Headers.ETag?.IsWeak);
        Assert.Contains("Cookie", first.Headers.Vary);
        Assert.Contains("Accept-Language", first.Headers.Vary);
        // Nothing of this reader's: no cookie set, no token, no Blazor state (which holds one, encrypted anew each time).
        Assert.False(first.Headers.Contains("Set-Cookie"), string.Join("; ", first.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value)));
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Component-State", html, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/interviews/{id}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, revalidated.Headers.ETag);
    }

    [Fact]
    public async Task ANewEntryChangesTheLivePagesAndTheEntriesETag()
    {
        var id = await site.NewLiveSessionAsync("缓存");
        using var admin = site.Client(await site.TokenAsync());
        using var reader = Reader();
        var page = (await reader.GetAsync($"/interviews/{id}")).Headers.ETag!;
        var entries = (await reader.GetAsync($"/api/v1/interviews/{id}/entries")).Headers.ETag!;

        var published = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown = "各位网友，访谈现在开始。" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        foreach (var (path, etag) in new[] { ($"/interviews/{id}", page), ($"/api/v1/interviews/{id}/entries", entries) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            using var response = await reader.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(etag, response.Headers.ETag);
            Assert.Contains("访谈现在开始", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/", 30)]
    [InlineData("/columns/health", 30)]
    [InlineData("/rules", 60)]
    [InlineData("/columns/health/feed.xml", 30)]
    [InlineData("/sitemap.xml", 60)]
    [InlineData("/api/v1/columns", 60)]
    [InlineData("/api/v1/interviews", 30)]
    [InlineData("/embed/columns/health", 30)]
    public async Task ListsFeedsAndThePublicApiAreSharedAndRevalidate(string path, int seconds)
    {
        using var reader = Reader();

        using var first = await reader.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal($"public, max-age={seconds}, s-maxage={seconds}", first.Headers.CacheControl?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task TheEmbedWidgetOnAReadersFirstVisitMayStillBeFramed()
    {
        // No cookie yet: antiforgery makes one for the page, and once added X-Frame-Options: SAMEORIGIN with it.
        using var reader = Reader();

        using var widget = await reader.GetAsync("/embed/columns/health");

        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.False(widget.Headers.Contains("X-Frame-Options"), string.Join(", ", widget.Headers.Select(h => h.Key)));
        Assert.True(widget.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task AFeedReaderThatRemembersOnlyTheTimeGetsA304()
    {
        using var reader = Reader();
        using var first = await reader.GetAsync("/columns/health/feed.xml");
        var changed = first.Content.Headers.LastModified;
        Assert.NotNull(changed);

        using var same = new HttpRequestMessage(HttpMethod.Get, "/columns/health/feed.xml");
        same.Headers.IfModifiedSince = changed;
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(same)).StatusCode);
        using var older = new HttpRequestMessage(HttpMethod.Get, "/columns/health/feed.xml");
        older.Headers.IfModifiedSince = changed!.Value.AddDays(-1);
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(older)).StatusCode);
    }

    [Fact]
    public async Task AReaderWithACookieGetsAPrivateCopy()
    {
        var id = await site.DemoInterviewIdAsync("published");
        using var reader = Reader();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/interviews/{id}");
        // 长辈模式 (a cookie): a page only this reader gets; a shared cache must not hand it on, nor hand them another.
        request.Headers.Add("Cookie", "interview.display=elder");

        using var response = await reader.SendAsync(request);

        Assert.True(response.Headers.CacheControl is { Private: true, Public: false, SharedMaxAge: null }, $"{response.Headers.CacheControl}");
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl.MaxAge);
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/interviews/{live}/ask")]
    [InlineData("/search?q=流感")]
    [InlineData("/receipts")]
    public async Task PagesWithAFormOrAnAnswerOfTheirOwnAreNotShared(string path)
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var reader = Reader();

        using var response = await reader.GetAsync(path.Replace("{live}", live.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.Public ?? false, $"{path}: {response.Headers.CacheControl}");
        Assert.Null(response.Headers.CacheControl?.SharedMaxAge);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task TwoReadersOfOneSharedFormAskTwoQuestionsAndADoubleClickAsksOne()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var first = Reader();
        using var second = Reader();
        var form = HiddenFields(await first.GetStringAsync($"/interviews/{id}"));
        Assert.Equal(form, HiddenFields(await second.GetStringAsync($"/interviews/{id}")));

        var a = await AskAsync(first, id, form, "市民甲", "家庭医生签约以后，怎样预约上门服务？");
        var aAgain = await AskAsync(first, id, form, "市民甲", "家庭医生签约以后，怎样预约上门服务？");
        var b = await AskAsync(second, id, form, "市民乙", "签约服务费医保能报销多少？");

        Assert.Equal(a, aAgain);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task TheSharedFormPostedFromAnotherSiteIsRefused(string header, string value)
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var reader = Reader();
        var form = HiddenFields(await reader.GetStringAsync($"/interviews/{id}"));
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/interviews/{id}/ask") { Content = Fields(form, "路人", "从别的网站提交的问题") };
        post.Headers.Add(header, value);

        using var response = await reader.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请再次点击", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSharedFormPostedWithTheSitesOriginIsTaken()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var reader = Reader();
        var form = HiddenFields(await reader.GetStringAsync($"/interviews/{id}"));
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/interviews/{id}/ask") { Content = Fields(form, "老读者", "没有 Sec-Fetch-Site 的浏览器也能提问吗？") };
        post.Headers.Add("Origin", reader.BaseAddress!.GetLeftPart(UriPartial.Authority));

        using var response = await reader.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private HttpClient Reader() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<string> AskAsync(HttpClient reader, int id, Dictionary<string, string> form, string nickname, string text)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/interviews/{id}/ask") { Content = Fields(form, nickname, text) };
        post.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await reader.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Receipt().Match(response.Headers.Location!.OriginalString).Groups[1].Value;
    }

    private static FormUrlEncodedContent Fields(Dictionary<string, string> hidden, string nickname, string text) =>
        new(new Dictionary<string, string>(hidden) { ["nickname"] = nickname, ["text"] = text, ["agreed"] = "true" });

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html[html.IndexOf("action=\"/interviews/", StringComparison.Ordinal)..])
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("/receipts/([A-Z2-9]{12})")]
    private static partial Regex Receipt();
}
