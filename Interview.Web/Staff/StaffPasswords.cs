using System.Security.Claims;
using Interview.Domain;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

/// <summary>
/// Passwords after the first: a staff member changes their own (knowing the current one), an admin forces a reset (the
/// account must choose a new password at its next sign-in, optionally starting from a temporary one the admin gives).
/// Both end every sign-in of the account; both go through Identity, so its validators (length, character classes,
/// <see cref="CommonPasswords"/>) hold here as at creation. Audited.
/// </summary>
public sealed class StaffPasswords(
    IServiceScopeFactory scopes, StaffPermissions permissions, SignInThrottle throttle, SessionEndings endings, AuditTrail audit)
{
    public static async Task<bool> MustChangeAsync(UserManager<StaffUser> users, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return (await users.GetClaimsAsync(user)).Any(c => c.Type == StaffPolicies.MustChangePasswordClaim);
    }

    /// <summary>
    /// Changes the acting account's password, through the request's own <paramref name="users"/> (so that the caller
    /// can re-issue its sign-in with the new stamp). A wrong current password counts as a failed sign-in from the
    /// caller's address: a console left open must not become a way to guess it.
    /// </summary>
    public async Task<StaffUser> ChangeOwnAsync(
        UserManager<StaffUser> users, StaffActor actor, System.Net.IPAddress? address, string? currentPassword, string? newPassword)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id) ?? throw new NotFoundException(Text.SiteErrorCodes.AccountNotFound);
        var account = user.Email ?? "";
        if (string.IsNullOrEmpty(newPassword))
        {
            throw new DomainException(Text.SiteErrorCodes.NewPasswordRequired);
        }
        if (throttle.Begin(address, account) is { } wait)
        {
            throw new TooManySignInsException(wait);
        }
        if (!await users.CheckPasswordAsync(user, currentPassword ?? ""))
        {
            throttle.Fail(address);
            await audit.RecordAsync(actor, "staff.password.change", $"staff/{user.Id}", "failed: wrong current password");
            throw new DomainException(Text.SiteErrorCodes.CurrentPasswordWrong);
        }
        throttle.Succeed(address, account);
        if (newPassword == currentPassword)
        {
            throw new DomainException(Text.SiteErrorCodes.PasswordUnchanged);
        }
        // Identity checks the new password and gives the account a new security stamp: every other sign-in ends.
        Check(await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword));
        await ClearMustChangeAsync(users, user);
        endings.Announce(user.Id);
        await audit.RecordAsync(actor, "staff.password.change", $"staff/{user.Id}", AuditTrail.Ok);
        return user;
    }

    /// <summary>
    /// An admin forces <paramref name="staffId"/> to choose a new password at its next sign-in, and ends its sign-ins
    /// now. With <paramref name="temporaryPassword"/>, that is the password to sign in with (someone who forgot theirs).
    /// </summary>
    public async Task ForceResetAsync(StaffActor actor, string staffId, string? temporaryPassword)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new NotFoundException(Text.SiteErrorCodes.StaffNotFound);
        if (!string.IsNullOrEmpty(temporaryPassword))
        {
            Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), temporaryPassword));
        }
        if (!await MustChangeAsync(users, user))
        {
            Check(await users.AddClaimAsync(user, new Claim(StaffPolicies.MustChangePasswordClaim, "true")));
        }
        await endings.EndAllAsync(users, user);
        await audit.RecordAsync(actor, "staff.password.reset", $"staff/{staffId}", AuditTrail.Ok,
            string.IsNullOrEmpty(temporaryPassword) ? user.Email : $"{user.Email} (temporary password set)");
    }

    private static async Task ClearMustChangeAsync(UserManager<StaffUser> users, StaffUser user)
    {
        foreach (var claim in (await users.GetClaimsAsync(user)).Where(c => c.Type == StaffPolicies.MustChangePasswordClaim))
        {
            Check(await users.RemoveClaimAsync(user, claim));
        }
    }

    /// <summary>Turns Identity's errors into one message the person can act on (<see cref="IdentityRefusals"/>).</summary>
    private static void Check(IdentityResult result) => IdentityRefusals.Check(result);
}
