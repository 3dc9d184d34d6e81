using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Web;

/// <summary>
/// The question form never loses what a citizen typed, and no address can put a message of its own on a page: every
/// message comes from the server, in answer to the citizen's own post.
/// </summary>
public sealed partial class AskPageTests(AskPageTests.Site site) : IClassFixture<AskPageTests.Site>
{
    private const string Planted = "请拨打4001234567领取补贴";

    /// <summary>Staff to end a session mid-question; a generous limit so that only the tests' own posts count.</summary>
    public sealed class Site : StaffSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
    }

    [Fact]
    public async Task NoQueryParameterPutsItsTextOnAPublicPage()
    {
        var live = await site.DemoInterviewIdAsync("live");
        var published = await site.DemoInterviewIdAsync("published");
        using var client = site.CreateClient();
        string[] names = ["askError", "error", "message", "msg", "notice", "new", "page", "mode", "refresh", "order", "column", "year", "org", "sort"];

        foreach (var path in new[] { "/", "/columns/health", $"/interviews/{live}", $"/interviews/{live}/ask", $"/interviews/{published}",
                     "/search", "/search?q=流感", "/embed/columns/health" })
        {
            foreach (var name in names)
            {
                var response = await client.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}{name}={Uri.EscapeDataString(Planted)}");
                var html = await response.Content.ReadAsStringAsync();

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} {name}: {response.StatusCode}");
                Assert.False(WithoutTheWayBack(html).Contains("4001234567", StringComparison.Ordinal), $"{path} shows ?{name}");
            }
        }
    }

    [Fact]
    public async Task AQuestionFromTheFormGetsAReceipt()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = NoRedirects();
        var form = await FormAsync(client, $"/interviews/{id}");

        var response = await client.PostAsync($"/interviews/{id}/ask", Post(form, "市民小李", "家庭医生能上门吗？"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/receipts/[A-Z2-9]{12}\\?new=true$", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AnEmptyQuestionComesBackWithTheServersReasonAndTheNicknameKept()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = NoRedirects();
        var form = await FormAsync(client, $"/interviews/{id}");

        var response = await client.PostAsync($"/interviews/{id}/ask", Post(form, "退休职工老周", "   "));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("问题内容不能为空", Alert(html), StringComparison.Ordinal);
        Assert.Contains("value=\"退休职工老周\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATooLongQuestionComesBackWithEveryCharacterTyped()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = NoRedirects();
        var form = await FormAsync(client, $"/interviews/{id}");
        var text = string.Concat(Enumerable.Repeat("医保报销比例能否再提高一些？", 40));

        var response = await client.PostAsync($"/interviews/{id}/ask", Post(form, "小王", text));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("500", Alert(html), StringComparison.Ordinal);
        Assert.Contains($">{text}</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostedFromAnotherSiteIsA400ThatAsksToRetryAndKeepsTheText()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var first = NoRedirects();
        var form = await FormAsync(first, $"/interviews/{id}");
        // The session page's fields (no token: a shared cache may have served them), posted by another site's page.
        using var stranger = NoRedirects("cross-site");

        var response = await stranger.PostAsync($"/interviews/{id}/ask", Post(form, "小赵", "社区卫生服务中心周末开门吗？"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请再次点击", Alert(html), StringComparison.Ordinal);
        Assert.Contains(">社区卫生服务中心周末开门吗？</textarea>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        // The form it sends back carries a fresh token: sending again works.
        var again = await stranger.PostAsync($"/interviews/{id}/ask", Post(Fields(html), "小赵", "社区卫生服务中心周末开门吗？"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task WhenTheSessionEndsWhileTheCitizenTypesThePageSaysSoAndKeepsTheText()
    {
        using var admin = site.Client(await site.TokenAsync());
        var id = await NewLiveSessionAsync(admin);
        using var citizen = NoRedirects();
        var form = await FormAsync(citizen, $"/interviews/{id}");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" })).StatusCode);

        var response = await citizen.PostAsync($"/interviews/{id}/ask", Post(form, "夜班护士", "下班后还能预约吗？"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("本场访谈已经结束，不再接受提问。", Alert(html), StringComparison.Ordinal);
        Assert.Contains(">下班后还能预约吗？</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"夜班护士\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextModeLinksToTheAskPageWhichNeverRefreshes()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var textMode = await client.GetStringAsync($"/interviews/{id}?mode=text&refresh=10");
        var ask = await client.GetStringAsync($"/interviews/{id}/ask");

        Assert.Contains("http-equiv=\"refresh\"", textMode, StringComparison.Ordinal);
        Assert.DoesNotContain("<textarea", textMode, StringComparison.Ordinal);
        Assert.Contains($"href=\"/interviews/{id}/ask\"", textMode, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", ask, StringComparison.Ordinal);
        Assert.Contains("<textarea", ask, StringComparison.Ordinal);
    }

    /// <summary>
    /// The page without its display-mode switch, whose link carries the page's own address back (returnUrl, escaped in
    /// an href: nothing a reader sees) by design (CONTRACT.md "Culture and display").
    /// </summary>
    private static string WithoutTheWayBack(string html) => DisplaySwitchHref().Replace(html, "");

    // The display and language switches and the skip link carry the page's own address back, query and all: that is
    // their point.
    [GeneratedRegex("<a class=\"skip\" href=\"/[^\"#<>]*#main\"|<a class=\"display-switch\" rel=\"nofollow\" href=\"/accessibility\\?mode=(elder|standard)&amp;returnUrl=[A-Za-z0-9%._~-]*\"|href=\"/culture\\?culture=(en|zh-CN)&amp;returnUrl=[A-Za-z0-9%._~-]*\"")]
    private static partial Regex DisplaySwitchHref();

    /// <summary>
    /// A browser that does not follow redirects, posting from a page of <paramref name="fetchSite"/> as browsers say it
    /// (Sec-Fetch-Site): the site's own session page unless told otherwise.
    /// </summary>
    private HttpClient NoRedirects(string fetchSite = "same-origin")
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", fetchSite);
        return client;
    }

    private async Task<int> NewLiveSessionAsync(HttpClient admin)
    {
        var columns = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/columns")).RootElement.GetProperty("items");
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = columns[0].GetProperty("id").GetInt32(),
            title = "夜间门诊答网友问",
            scheduledStart = DateTimeOffset.UtcNow,
            scheduledEnd = DateTimeOffset.UtcNow.AddHours(1),
            guests = new[] { new { name = "王主任", title = "主任", organization = "市卫健委" } },
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        foreach (var to in new[] { "scheduled", "live" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);
        }
        return id;
    }

    /// <summary>The hidden fields of the question form on <paramref name="path"/> (the client keeps the cookie).</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return Fields(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Fields(string html)
    {
        Assert.Contains("action=\"/interviews/", html, StringComparison.Ordinal);
        return HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    private static FormUrlEncodedContent Post(Dictionary<string, string> hidden, string nickname, string text) =>
        new(new Dictionary<string, string>(hidden) { ["nickname"] = nickname, ["text"] = text });

    private static string Alert(string html) => AlertText().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex AlertText();
}
