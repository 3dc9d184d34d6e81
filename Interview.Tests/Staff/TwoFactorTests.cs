using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;

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
