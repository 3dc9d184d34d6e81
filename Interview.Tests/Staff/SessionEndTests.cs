using System.Net;
using System.Net.Http.Json;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

/// <summary>Issue 10 point 6: signing out, and every change to an account's standing, ends all its sessions at once.</summary>
public sealed class SessionEndTests(SessionEndTests.Site site) : IClassFixture<SessionEndTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    [Fact]
    public async Task ACookieCapturedBeforeSignOutIsRefusedAfterIt()
    {
        using var browser = site.Browser();
        var signedIn = await site.SignInOnPageAsync(browser, StaffSite.AdminEmail);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var captured = StaffCookie(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(captured, "/admin/audit.csv")).StatusCode);

        var form = AntiforgeryToken(await browser.GetStringAsync("/account/password"));
        var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replayed = await WithCookieAsync(captured, "/admin/audit.csv");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/account/sign-in", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutOfTheConsoleAlsoEndsTheAccountsTokens()
    {
        var email = await NewAccountAsync("admin");
        using var api = site.Client(await site.TokenAsync(email));
        using var browser = site.Browser();
        await site.SignInOnPageAsync(browser, email);

        var form = AntiforgeryToken(await browser.GetStringAsync("/account/password"));
        await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/admin/audit.csv")).StatusCode);
    }

    [Fact]
    public async Task LogoutEndsTheTokenAndEveryTokenIssuedBeforeItButNotLaterSignIns()
    {
        var email = await NewAccountAsync("admin");
        using var earlier = site.Client(await site.TokenAsync(email));
        using var current = site.Client(await site.TokenAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/admin/audit.csv")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await current.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await current.GetAsync("/admin/audit.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/admin/audit.csv")).StatusCode);
        using var later = site.Client(await site.TokenAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/admin/audit.csv")).StatusCode);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "auth.sign-out" && a.Actor == email);
    }

    public static TheoryData<string> Changes() => ["password", "roles", "disable", "two-factor reset", "password reset"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task ATokenIssuedBeforeAChangeToTheAccountIsRefusedAfterIt(string change)
    {
        var email = await NewAccountAsync("admin");
        using var token = site.Client(await site.TokenAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/admin/audit.csv")).StatusCode);
        var id = await IdAsync(email);
        var admin = await AdminAsync();
        var accounts = site.Services.GetRequiredService<StaffAccounts>();

        switch (change)
        {
            case "password":
                using (var other = site.Client(await site.TokenAsync(email)))
                {
                    var changed = await other.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = StaffSite.Password, newPassword = "Zhengwu-Fangtan-2027" });
                    Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
                }
                break;
            case "roles":
                await accounts.SetRolesAsync(admin, id, [StaffRole.Admin, StaffRole.Host]);
                break;
            case "disable":
                await accounts.SetDisabledAsync(admin, id, true);
                break;
            case "two-factor reset":
                await accounts.ResetTwoFactorAsync(admin, id);
                break;
            case "password reset":
                await site.Services.GetRequiredService<StaffPasswords>().ForceResetAsync(admin, id, null);
                break;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/admin/audit.csv")).StatusCode);
    }

    private async Task<string> NewAccountAsync(string role)
    {
        var email = $"end-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, role);
        return email;
    }

    private async Task<string> IdAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<StaffActor> AdminAsync() => new(await IdAsync(StaffSite.AdminEmail), StaffSite.AdminEmail, "127.0.0.1");

    private static string AntiforgeryToken(string html)
    {
        var token = StaffSite.AntiforgeryToken(html);
        Assert.False(string.IsNullOrEmpty(token), "the page has no antiforgery token");
        return token;
    }

    private static string StaffCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("interview.staff=", StringComparison.Ordinal));

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = site.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
