using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

/// <summary>Issue 10 point 9: staff change their own password, admins force a reset, common passwords are refused.</summary>
public sealed class PasswordTests(PasswordTests.Site site) : IClassFixture<PasswordTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    private const string NewPassword = "Zhengwu-Fangtan-2027";

    [Fact]
    public async Task AStaffMemberChangesTheirOwnPasswordAndOnlyTheNewOneWorks()
    {
        var email = await NewAccountAsync();
        using var client = site.Client(await site.TokenAsync(email));

        var wrongCurrent = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "Not-The-Password-1", newPassword = NewPassword });
        var common = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = StaffSite.Password, newPassword = "Password123456" });
        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = StaffSite.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Contains("当前密码不正确", await wrongCurrent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("太常见", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.LoginAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.LoginAsync(email, NewPassword)).StatusCode);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "staff.password.change" && a.Actor == email && a.Outcome == "ok");
    }

    [Fact]
    public async Task TheConsolePageChangesThePasswordAndKeepsThisBrowserSignedIn()
    {
        var email = await NewAccountAsync();
        using var browser = site.Browser();
        await site.SignInOnPageAsync(browser, email);
        var token = StaffSite.AntiforgeryToken(await browser.GetStringAsync("/account/password"));

        var posted = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = token,
            ["Input.Current"] = StaffSite.Password,
            ["Input.New"] = NewPassword,
            ["Input.Confirm"] = NewPassword,
        }));

        Assert.Contains("密码已修改", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.LoginAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task AForcedResetEndsTheSessionsAndAllowsNothingButANewPassword()
    {
        var email = await NewAccountAsync();
        var id = await IdAsync(email);
        using var before = site.Client(await site.TokenAsync(email));
        using var admin = site.Client(await site.TokenAsync());

        var reset = await admin.PostAsJsonAsync($"/api/v1/staff/{id}/password-reset", new { });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/followups")).StatusCode);
        using var after = site.Client(await site.TokenAsync(email));
        Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync("/api/v1/followups")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await after.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = StaffSite.Password, newPassword = NewPassword })).StatusCode);
        using var renewed = site.Client(await site.TokenAsync(email, NewPassword));
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/followups")).StatusCode);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "staff.password.reset" && a.Target == $"staff/{id}");
    }

    [Fact]
    public async Task AfterAForcedResetTheSignInPageLeadsToThePasswordPageAndTheConsoleIsClosedUntilThen()
    {
        var email = await NewAccountAsync();
        await site.Services.GetRequiredService<StaffPasswords>().ForceResetAsync(await AdminAsync(), await IdAsync(email), null);
        using var browser = site.Browser();

        var signedIn = await site.SignInOnPageAsync(browser, email);
        var console = await browser.GetAsync("/admin/audit.csv");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account/password", signedIn.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Contains("/account/denied", console.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("设置新密码", await browser.GetStringAsync("/account/denied"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminMayGiveATemporaryPasswordButNotACommonOne()
    {
        var email = await NewAccountAsync();
        var id = await IdAsync(email);
        using var admin = site.Client(await site.TokenAsync());

        var common = await admin.PostAsJsonAsync($"/api/v1/staff/{id}/password-reset", new { temporaryPassword = "Woaini1314520" });
        var temporary = await admin.PostAsJsonAsync($"/api/v1/staff/{id}/password-reset", new { temporaryPassword = "Linshi-Mima-8421" });

        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, temporary.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.LoginAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.LoginAsync(email, "Linshi-Mima-8421")).StatusCode);
    }

    [Fact]
    public async Task NewAccountsWithACommonPasswordAreRefused()
    {
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email = "common@example.gov.cn", password = "Qwertyuiop123", displayName = "x", roles = new[] { "typist" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("太常见", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password1234", true)]
    [InlineData("WOAINI1314", true)]
    [InlineData("Dragon2026!", true)]
    [InlineData("Zhengwu-Fangtan-2027", false)]
    [InlineData("Interview-2026", false)]
    public void TheShippedListKnowsTheCommonPasswords(string password, bool common)
    {
        Assert.True(CommonPasswords.Count >= 1_000);
        Assert.Equal(common, CommonPasswords.IsCommon(password));
    }

    private async Task<string> NewAccountAsync()
    {
        var email = $"pw-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "typist");
        return email;
    }

    private async Task<StaffActor> AdminAsync() => new(await IdAsync(StaffSite.AdminEmail), StaffSite.AdminEmail, "127.0.0.1");

    private async Task<string> IdAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }
}

public sealed class BootstrapPasswordTests
{
    [Fact]
    public async Task TheBootstrapAdminCannotHaveACommonPassword()
    {
        using var factory = new StaffSite().With("Interview:Bootstrap:AdminPassword", "Password12345");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient()));

        Assert.NotNull(failure);
        Assert.Contains("太常见", failure.ToString(), StringComparison.Ordinal);
    }
}
