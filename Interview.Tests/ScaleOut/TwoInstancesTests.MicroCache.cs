using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Interview.Tests.ScaleOut;

/// <summary>
/// The shipped nginx configuration's micro-cache (deploy/nginx/interview.conf, issue 15 §5) in front of the two
/// instances: it carries what the site says it may, for cookie-less readers only, and a live page stays correct.
/// </summary>
public sealed partial class TwoInstancesTests
{
    [Fact]
    public async Task Through_nginx_a_live_page_comes_from_the_micro_cache_and_shows_a_new_entry_within_seconds()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "微缓存中的直播页");
        using var reader = Reader();
        var page = $"/interviews/{id}";

        using var first = await reader.GetAsync(page);
        using var second = await reader.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("HIT", CacheStatus(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        using var onB = ScaleOutSites.Staff(sites.B, await ScaleOutSites.TokenAsync(sites.B));
        await ScaleOutSites.PublishAsync(onB, id, "缓存过期后，新发布的内容应当出现。");
        var published = Stopwatch.StartNew();
        string? status = null;
        await Support.Servers.ServerWait.UntilAsync(async () =>
        {
            using var response = await reader.GetAsync(page);
            status = CacheStatus(response);
            return (await response.Content.ReadAsStringAsync()).Contains("新发布的内容应当出现", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "the new entry on the page through nginx", () => sites.Nginx.Log);
        // The page says five seconds; what the reader sees is at most that old, plus the time to render it again.
        output.WriteLine($"the new entry was on the page through nginx after {published.Elapsed.TotalSeconds:F1} s ({status})");
    }

    [Fact]
    public async Task Through_nginx_a_reader_with_a_cookie_or_another_language_never_gets_the_cached_page()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "长辈模式不取缓存");
        using var reader = Reader();
        var page = $"/interviews/{id}";
        await reader.GetAsync(page);
        Assert.Equal("HIT", CacheStatus(await reader.GetAsync(page)));

        using var elder = new HttpRequestMessage(HttpMethod.Get, page);
        elder.Headers.Add("Cookie", "interview.display=elder");
        using var elderPage = await reader.SendAsync(elder);
        Assert.NotEqual("HIT", CacheStatus(elderPage));
        Assert.Matches("<html lang=\"zh-CN\" class=\"[^\"]*elder", await elderPage.Content.ReadAsStringAsync());

        using var english = new HttpRequestMessage(HttpMethod.Get, page);
        english.Headers.Add("Accept-Language", "en-GB,en;q=0.9");
        using var englishPage = await reader.SendAsync(english);
        Assert.Contains("<html lang=\"en\"", await englishPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_nginx_two_readers_of_one_cached_question_form_ask_two_questions()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "缓存中的提问表单");
        using var reader = Reader();
        await reader.GetAsync($"/interviews/{id}");
        using var cached = await reader.GetAsync($"/interviews/{id}");
        Assert.Equal("HIT", CacheStatus(cached));
        var form = HiddenField().Matches(await cached.Content.ReadAsStringAsync()).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var receipts = new List<string>();
        foreach (var (citizen, text) in new[] { ("198.51.100.71", "缓存里的表单，第一位网友的问题"), ("198.51.100.72", "缓存里的表单，第二位网友的问题") })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/interviews/{id}/ask")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["nickname"] = "网友", ["text"] = text, ["agreed"] = "true" }),
            };
            post.Headers.Add("Sec-Fetch-Site", "same-origin");
            post.Headers.Add("X-Forwarded-For", citizen);
            using var response = await reader.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            receipts.Add(response.Headers.Location!.OriginalString);
        }
        Assert.NotEqual(receipts[0], receipts[1]);
    }

    private HttpClient Reader() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = sites.Nginx.Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache-Status", out var values) ? values.FirstOrDefault() : null;

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
