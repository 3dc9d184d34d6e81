using System.Net;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Staff;

public sealed class ConsoleSecurityTests(ConsoleSecurityTests.Site site) : IClassFixture<ConsoleSecurityTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: true);

    private HttpClient NoRedirects() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/columns")]
    [InlineData("/admin/staff")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit.csv")]
    [InlineData("/admin/statistics")]
    public async Task ConsolePagesSendStrangersToSignIn(string path)
    {
        using var client = NoRedirects();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignInPageIsAFormWithAntiforgeryAndNoSignUp()
    {
        using var client = NoRedirects();
        var html = await client.GetStringAsync("/account/sign-in");

        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("register", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sign-up", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APostWithoutAntiforgeryTokenIsRefused()
    {
        using var client = NoRedirects();
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = StaffSite.AdminEmail,
            ["Input.Password"] = StaffSite.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOutWithoutAntiforgeryTokenIsRefused()
    {
        // Signed in (a bearer token stands in for the cookie), but the post carries no antiforgery token.
        var key = await site.EnrolTwoFactorAsync(StaffSite.AdminEmail);
        using var client = site.Client(await site.TokenAsync(twoFactorCode: Totp.Code(key)));

        var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task APostToAnUnknownAddressIsA404NotAnAntiforgeryError()
    {
        using var client = NoRedirects();
        var response = await client.PostAsync("/no/such/thing", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPagesAllowNoInlineOrForeignScript()
    {
        using var client = NoRedirects();
        var response = await client.GetAsync("/account/sign-in");
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("Referrer-Policy", response.Headers.Select(h => h.Key));
    }

    [Theory]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", "https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", "https://portal.example.gov.cn", HttpStatusCode.Forbidden)]
    public async Task OnlyTheSiteItselfMayOpenAConsoleCircuit(string path, string origin, HttpStatusCode expected)
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Origin", origin);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ASameSiteCircuitRequestIsNotRefusedByTheOriginCheck()
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://localhost");

        var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DataProtectionKeysAreKeptInTheDataFolder()
    {
        using var client = site.CreateClient();
        _ = await client.GetAsync("/account/sign-in");

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(site.DataDirectory, "keys"), "*.xml"));
    }
}

public class BootstrapTests
{
    [Fact]
    public async Task NoStaffAccountExistsUnlessConfigured()
    {
        using var factory = new InterviewFactory();
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", JsonContent("""{"email":"admin@example.gov.cn","password":"Interview-2026"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await UsersAsync(factory));
    }

    [Fact]
    public async Task TheConfiguredAdminIsCreatedOnceAndAudited()
    {
        using var first = new StaffSite();
        Assert.Single(await UsersAsync(first));
        using var restart = new StaffSite();
        restart.With("Interview:DataDirectory", first.DataDirectory);
        Assert.Single(await UsersAsync(restart));
        var audit = await restart.AuditAsync();
        Assert.Single(audit, a => a.Action == "staff.bootstrap");
    }

    private static async Task<List<string>> UsersAsync(InterviewFactory factory)
    {
        _ = factory.CreateClient();
        var contexts = (Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>)factory.Services
            .GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>))!;
        await using var db = await contexts.CreateDbContextAsync();
        return db.Users.Select(u => u.Email!).ToList();
    }

    private static StringContent JsonContent(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

public class ProxiedOriginTests
{
    [Fact]
    public async Task BehindAProxyThePublicAddressCountsAsTheSitesOwnOrigin()
    {
        using var factory = new StaffSite().With("Interview:PublicBaseUrl", "https://ft.example.gov.cn/");
        using var client = factory.CreateClient();

        foreach (var (origin, expected) in new[] { ("https://ft.example.gov.cn", true), ("https://evil.example", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
            request.Headers.Add("Origin", origin);
            var response = await client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode != HttpStatusCode.Forbidden);
        }
    }
}
