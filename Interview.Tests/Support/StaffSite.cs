using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Support;

/// <summary>A site with a bootstrapped admin, and helpers to sign in through the API and make staff accounts.</summary>
public class StaffSite : InterviewFactory
{
    public const string AdminEmail = "admin@example.gov.cn";
    public const string Password = "Interview-2026";

    public StaffSite(bool requireTwoFactor = false)
    {
        With("Interview:Bootstrap:AdminEmail", AdminEmail);
        With("Interview:Bootstrap:AdminPassword", Password);
        With("Interview:Security:RequireTwoFactor", requireTwoFactor ? "true" : "false");
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = Password, string? twoFactorCode = null)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode });
    }

    public async Task<string> TokenAsync(string email = AdminEmail, string password = Password, string? twoFactorCode = null)
    {
        var response = await LoginAsync(email, password, twoFactorCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    public HttpClient Client(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>Creates an account with the given roles through the admin API; returns its id.</summary>
    public async Task<string> CreateStaffAsync(string email, params string[] roles)
    {
        using var admin = Client(await TokenAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email, password = Password, displayName = email.Split('@')[0], roles });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Enrols TOTP for the account as the enrolment page would; returns the key an authenticator app holds.</summary>
    public async Task<string> EnrolTwoFactorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public async Task SetRolesAsync(string staffId, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByIdAsync(staffId))!;
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRolesAsync(user, roles);
    }

    public async Task<List<Interview.Domain.Audit.AuditEntry>> AuditAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }
}
