using System.Net;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Accessibility;

/// <summary>
/// <c>/accessibility?mode=…&amp;returnUrl=…</c> (CONTRACT.md "Culture and display"): it sets the display-mode cookie and
/// returns to the reader's page, and never sends anyone to another site.
/// </summary>
public sealed class DisplayModeSwitchTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private readonly HttpClient _client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task ElderModeIsRememberedInACookieAndTheReaderReturnsToTheirPage()
    {
        using var response = await _client.GetAsync("/accessibility?mode=elder&returnUrl=%2Fcolumns%2Fhealth%3Fpage%3D2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/columns/health?page=2", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("interview.display=elder;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task StandardModeRemovesTheCookie()
    {
        using var response = await _client.GetAsync("/accessibility?mode=standard&returnUrl=/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("interview.display=;", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mode=large")]
    [InlineData("mode=elder&mode=standard")]
    public async Task AnythingButAModeChangesNothingAndStillReturns(string query)
    {
        using var response = await _client.GetAsync($"/accessibility?{query}&returnUrl=/search");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/search", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AReturnAddressInChineseGoesOutPercentEncoded()
    {
        using var response = await _client.GetAsync($"/accessibility?mode=elder&returnUrl={Uri.EscapeDataString("/search?q=医保 报销")}");

        Assert.Equal("/search?q=%E5%8C%BB%E4%BF%9D%20%E6%8A%A5%E9%94%80", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\r\n/evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/interviews/1\\..\\..\\evil")]
    [InlineData(" /columns/health")]
    public async Task AReturnAddressThatIsNotALocalPathGoesHome(string returnUrl)
    {
        using var response = await _client.GetAsync($"/accessibility?mode=elder&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PercentEncodedSlashesStayAPathOnThisSite()
    {
        // A browser keeps %2F and %5C encoded in a path: "/%2F%2Fevil.example" is a (missing) page here, not a host.
        using var response = await _client.GetAsync($"/accessibility?mode=elder&returnUrl={Uri.EscapeDataString("/%2F%5Cevil.example")}");

        Assert.Equal("/%2F%5Cevil.example", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AMissingOrOverlongReturnAddressGoesHome()
    {
        using var missing = await _client.GetAsync("/accessibility?mode=elder");
        using var overlong = await _client.GetAsync($"/accessibility?mode=elder&returnUrl=/{new string('a', 3000)}");

        Assert.Equal("/", missing.Headers.Location?.OriginalString);
        Assert.Equal("/", overlong.Headers.Location?.OriginalString);
    }
}
