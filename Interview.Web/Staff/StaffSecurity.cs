using Interview.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

public static class StaffSecurity
{
    /// <summary>The scheme that picks the bearer token for API calls that carry one, the cookie otherwise.</summary>
    public const string Scheme = "staff";

    /// <summary>Identity for staff, cookie sign-in for the consoles, bearer tokens for the API, the policies.</summary>
    public static IServiceCollection AddStaffSecurity(this IServiceCollection services, IWebHostEnvironment environment, string dataDirectory)
    {
        services.PostConfigure<InterviewOptions>(o => o.Security.RequireTwoFactor ??= !environment.IsDevelopment());
        // Keys in the data folder: a restart keeps people signed in and forms valid.
        services.AddDataProtection()
            .SetApplicationName("Interview")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Staff", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? StaffBearerHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, StaffBearerHandler>(StaffBearerHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure(o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<InterviewOptions>>((o, site) =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(1, site.Value.Security.IdleSignOutMinutes));
                o.SlidingExpiration = true;
                o.Cookie.Name = "interview.staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToLogin = ctx => ApiStatusOr(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiStatusOr(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = StaffSessions.ValidateCookieAsync;
            });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                // Counts wrong second-factor codes only, which need the password first: wrong passwords are throttled
                // per client address (SignInThrottle), so a stranger cannot lock someone out.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<InterviewDbContext>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders()
            // After the defaults, so that it replaces their authenticator provider: each TOTP code works once.
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<SessionEndings>();
        services.AddScoped<StaffPasswordStep>();

        services.AddAuthorization(StaffPolicies.Configure);
        services.AddSingleton<IAuthorizationHandler, TwoFactorHandler>();
        services.AddSingleton<IAuthorizationHandler, PasswordChangeHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitActivity>());
        return services;
    }

    /// <summary>API calls get a status code; browsers are sent to the sign-in or access-denied page.</summary>
    private static Task ApiStatusOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Refuses sign-in to disabled accounts; finishes a sign-in whose password <see cref="StaffSignIn"/> checked.</summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    /// <summary>The cookie, or the step to the second factor, for an account whose password was just checked.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(StaffUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}
