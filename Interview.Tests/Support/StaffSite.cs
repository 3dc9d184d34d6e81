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

    /// <summary>A login from the given client address (the sign-in throttle counts per address).</summary>
    public async Task<HttpResponseMessage> LoginFromAsync(string address, string email, string password = Password, string? twoFactorCode = null)
    {
        using var client = CreateDefaultClient(new ClientAddress(address));
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode });
    }

    /// <summary>
    /// Signs in through the console's sign-in page, as a browser would (form, antiforgery token), from
    /// <paramref name="address"/>; returns the response to the form post.
    /// </summary>
    public async Task<HttpResponseMessage> SignInOnPageAsync(HttpClient browser, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = AntiforgeryToken(await browser.GetStringAsync("/account/sign-in"));
        return await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client that keeps cookies and does not follow redirects, from <paramref name="address"/>.</summary>
    public HttpClient Browser(string address = "127.0.0.1") =>
        CreateDefaultClient(new Uri("http://localhost"), new ClientAddress(address), new CookieJar());

    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

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

    /// <summary>Keeps cookies between requests without following redirects (the test server's client does neither by default here).</summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        public CookieContainer Cookies => _cookies;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _cookies.SetCookies(request.RequestUri!, value);
                }
            }
            return response;
        }
    }
}
