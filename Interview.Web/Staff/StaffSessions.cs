using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Interview.Web.Staff;

/// <summary>
/// One rule for every way a staff member stays signed in (console cookie, API bearer token, running circuit): the
/// sign-in is current while the account is enabled and its security stamp is the one the sign-in was issued with.
/// Sign-out, a password change or reset, a two-factor reset, a role change and disabling the account all give the
/// account a new stamp, so every cookie and token issued before it stops working at its next request.
/// </summary>
public static class StaffSessions
{
    public static async Task<bool> IsCurrentAsync(UserManager<StaffUser> users, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(users);
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }

    /// <summary>
    /// The console cookie, checked on every request (not Identity's 30-minute interval, whose refresh would also drop
    /// the two-factor claim): a cookie from before the account's last stamp change is refused and removed.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<StaffUser>>();
        if (context.Principal is null || !await IsCurrentAsync(users, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>
/// Ends every sign-in of an account: a new security stamp refuses its cookies and tokens from their next request, and
/// running consoles in this process are told at once (<see cref="Ended"/>) rather than at their next periodic check;
/// consoles on other instances still end at that check (RevalidationMinutes).
/// </summary>
public sealed class SessionEndings
{
    /// <summary>Raised with the account's id after its stamp changed, on the thread that changed it.</summary>
    public event Action<string>? Ended;

    public async Task EndAllAsync(UserManager<StaffUser> users, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        Announce(user.Id);
    }

    /// <summary>For a stamp Identity changed itself (a password change): tell running consoles.</summary>
    public void Announce(string userId) => Ended?.Invoke(userId);
}

/// <summary>
/// API bearer tokens, read by Identity's bearer handler and then held to <see cref="StaffSessions.IsCurrentAsync"/>:
/// the bearer handler alone would accept a token for its whole hour whatever happened to the account.
/// </summary>
public sealed class StaffBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "staff-bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!token.Succeeded)
        {
            return token;
        }
        var users = Context.RequestServices.GetRequiredService<UserManager<StaffUser>>();
        return await StaffSessions.IsCurrentAsync(users, token.Principal)
            ? token
            : AuthenticateResult.Fail("The session of this token has ended.");
    }
}
