using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

public sealed class TwoFactorTests(TwoFactorTests.Site site) : IClassFixture<TwoFactorTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: true);

    [Fact]
    public async Task WithoutEnrolmentNoTokenIsIssued()
    {
        var email = $"new-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await CreateAsync(email, "moderator");

        var response = await site.LoginAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("两步验证", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnrolledAccountNeedsTheCurrentCode()
    {
        var email = $"tfa-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await CreateAsync(email, "admin");
        var key = await site.EnrolTwoFactorAsync(email);

        var withoutCode = await site.LoginAsync(email);
        var wrongCode = await site.LoginAsync(email, twoFactorCode: Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var token = await site.TokenAsync(email, twoFactorCode: Totp.Code(key));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Contains("twoFactorCode", await withoutCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        using var client = site.Client(token);
        var created = await client.PostAsJsonAsync("/api/v1/columns", new { name = "两步", slug = $"tfa-{Guid.NewGuid():N}"[..12] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task ATotpCodeWorksOnceEvenWhileItIsStillCurrent()
    {
        var email = $"once-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await CreateAsync(email, "moderator");
        var key = await site.EnrolTwoFactorAsync(email);
        var code = Totp.Code(key);

        var first = await site.LoginAsync(email, twoFactorCode: code);
        var second = await site.LoginAsync(email, twoFactorCode: code);
        var next = await site.LoginAsync(email, twoFactorCode: Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task WrongCodesWhileEnrollingLockTheAccount()
    {
        var email = $"enrol-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await CreateAsync(email, "moderator");
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);
        var flow = scope.ServiceProvider.GetRequiredService<StaffSignIn>();

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await flow.EnrolAsync(principal, "000000" == Totp.Code(key) ? "111111" : "000000", "127.0.0.1")).Outcome);
        }
        var rightCodeWhileLocked = await flow.EnrolAsync(principal, Totp.Code(key), "127.0.0.1");

        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.WrongCode, 4), SignInOutcome.LockedOut], outcomes);
        Assert.Equal(SignInOutcome.LockedOut, rightCodeWhileLocked.Outcome);
        Assert.Null(rightCodeWhileLocked.RecoveryCodes);
        Assert.False((await users.FindByEmailAsync(email))!.TwoFactorEnabled);
    }

    /// <summary>Accounts are made directly here: with two-factor required, the admin's own token needs a code too.</summary>
    private async Task CreateAsync(string email, string role)
    {
        var adminKey = await AdminKeyAsync();
        using var admin = site.Client(await site.TokenAsync(twoFactorCode: Totp.Code(adminKey)));
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email, password = StaffSite.Password, displayName = "x", roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private string? _adminKey;

    private async Task<string> AdminKeyAsync() => _adminKey ??= await site.EnrolTwoFactorAsync(StaffSite.AdminEmail);
}
