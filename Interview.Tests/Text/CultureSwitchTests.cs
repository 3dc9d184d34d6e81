using System.Net;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Text;

/// <summary>
/// The request's culture (CONTRACT.md "Culture and display"): <c>?culture=en</c>, then the cookie the language switch
/// sets, then Accept-Language; zh-CN otherwise. <c>&lt;html lang&gt;</c> and the site's name follow.
/// </summary>
public sealed class CultureSwitchTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string EnglishCookie = ".AspNetCore.Culture=c=en|uic=en";
    private readonly HttpClient _client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task WithNothingChosenThePageIsChinese()
    {
        var html = await PageAsync("/");

        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("在线访谈", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?culture=en", null, null)]
    [InlineData("/", EnglishCookie, null)]
    [InlineData("/", null, "en-GB,en;q=0.9")]
    public async Task TheQueryTheCookieOrTheBrowsersLanguageChooseEnglish(string path, string? cookie, string? acceptLanguage)
    {
        var html = await PageAsync(path, cookie, acceptLanguage);

        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Online Interviews", html, StringComparison.Ordinal);
        Assert.Contains(">Skip to main content<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQueryWinsOverTheCookieAndTheCookieOverTheBrowser()
    {
        Assert.Contains("<html lang=\"zh-CN\"", await PageAsync("/?culture=zh-CN", EnglishCookie), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", await PageAsync("/?culture=en", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\"", await PageAsync("/", ".AspNetCore.Culture=c=zh-CN|uic=zh-CN", "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPublicPageLinksToTheOtherLanguageNamedInThatLanguage()
    {
        var chinese = await PageAsync("/search?q=%E5%8C%BB%E4%BF%9D");
        var english = await PageAsync("/search?q=%E5%8C%BB%E4%BF%9D&culture=en");

        Assert.Contains("<a class=\"language-switch\" rel=\"nofollow\" lang=\"en\" hreflang=\"en\" href=\"/culture?culture=en&amp;returnUrl=%2Fsearch%3Fq%3D%25E5%258C%25BB%25E4%25BF%259D\">English</a>", chinese, StringComparison.Ordinal);
        // Coming back without ?culture=en: the page opened in English must turn Chinese once the reader asks for it.
        Assert.Contains("lang=\"zh-CN\" hreflang=\"zh-CN\" href=\"/culture?culture=zh-CN&amp;returnUrl=%2Fsearch%3Fq%3D%25E5%258C%25BB%25E4%25BF%259D\">中文</a>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchRemembersTheLanguageInACookieAndReturnsToThePage()
    {
        using var response = await _client.GetAsync("/culture?culture=en&returnUrl=%2Fcolumns%2Fhealth%3Fpage%3D2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/columns/health?page=2", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("culture=fr&returnUrl=/", "/")]
    [InlineData("culture=en&returnUrl=//evil.example", "/")]
    [InlineData("culture=en&returnUrl=https://evil.example/", "/")]
    public async Task AnUnknownLanguageChangesNothingAndNoOneLeavesTheSite(string query, string location)
    {
        using var response = await _client.GetAsync("/culture?" + query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.Equal(query.StartsWith("culture=en", StringComparison.Ordinal), response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task OnAnEnglishPageWhatStaffWroteIsMarkedAsChinese()
    {
        var id = await site.DemoInterviewIdAsync("published");

        var english = await PageAsync($"/interviews/{id}?culture=en");
        var chinese = await PageAsync($"/interviews/{id}");

        // A screen reader then reads the title and the transcript with a Chinese voice, the labels with an English one.
        Assert.Matches("<h1 lang=\"zh-CN\">[^<]+</h1>", english);
        Assert.Contains("<div class=\"entry-body\" lang=\"zh-CN\">", english, StringComparison.Ordinal);
        Assert.Contains("<h3 lang=\"zh-CN\">", english, StringComparison.Ordinal);
        Assert.Contains("<div class=\"entry-body\">", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1 lang=", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEnglishSiteNameIsASetting()
    {
        await using var renamed = new InterviewFactory().With("Interview:EnglishSiteName", "Shanghai Online Interviews");
        using var client = renamed.CreateClient();

        Assert.Contains("Shanghai Online Interviews", await client.GetStringAsync("/?culture=en"), StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string path, string? cookie = null, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
