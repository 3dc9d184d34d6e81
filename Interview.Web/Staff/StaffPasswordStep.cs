using System.Net;
using Interview.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

/// <summary>
/// The password step's answer. <see cref="User"/> is set only when the password was right and the account may go on;
/// <see cref="RetryAfter"/> only when the client address is throttled.
/// </summary>
public sealed record PasswordCheck(SignInOutcome Outcome, StaffUser? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// The password step of every staff sign-in, the sign-in page's and <c>POST /api/v1/auth/login</c>'s alike. It answers
/// every wrong password the same way, whether the account exists, is locked or is disabled, in about the same time (the
/// hasher runs for unknown e-mails too); only the right password learns that an account is disabled or locked.
/// Attempts are throttled by client address (<see cref="SignInThrottle"/>) and failures audited with the typed e-mail
/// cut short, at most a few lines per address and window.
/// </summary>
public sealed class StaffPasswordStep(
    StaffSignInManager signIn,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    AuditTrail audit)
{
    /// <summary>The longest typed e-mail an audit line keeps; anything longer cannot be an account anyway.</summary>
    public const int AuditedEmailLength = 64;

    private static string? s_nobodysHash;

    public async Task<PasswordCheck> CheckAsync(string? email, string? password, IPAddress? address, string channel)
    {
        var account = (email ?? "").Trim();
        var attempt = new StaffActor("", Shorten(account), address?.ToString());
        if (throttle.Begin(address, account) is { } wait)
        {
            if (throttle.AuditRefusal(address))
            {
                await audit.RecordAsync(attempt, "auth.sign-in", channel, "failed: throttled",
                    "too many failures from this address; further refusals in this window are not recorded");
            }
            return new PasswordCheck(SignInOutcome.Throttled, RetryAfter: wait);
        }
        var user = account.Length is > 0 and <= 256 ? await users.FindByEmailAsync(account) : null;
        var right = user is null ? HashForNobody(password ?? "") : await users.CheckPasswordAsync(user, password ?? "");
        if (user is null || !right)
        {
            var decision = throttle.Fail(address);
            if (decision != AuditDecision.Skip)
            {
                await audit.RecordAsync(attempt with { Id = user?.Id ?? "" }, "auth.sign-in", user is null ? channel : $"staff/{user.Id}",
                    user is null ? "failed: unknown account" : "failed: wrong password",
                    decision == AuditDecision.WriteLastOfWindow ? "further failures from this address in this window are not recorded" : null);
            }
            return new PasswordCheck(SignInOutcome.WrongCredentials);
        }
        throttle.Succeed(address, account);
        var actor = attempt with { Id = user.Id };
        if (user.IsDisabled || !await signIn.CanSignInAsync(user))
        {
            await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", "failed: account disabled", channel);
            return new PasswordCheck(SignInOutcome.Disabled);
        }
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", "failed: locked out", channel);
            return new PasswordCheck(SignInOutcome.LockedOut);
        }
        return new PasswordCheck(SignInOutcome.SignedIn, user);
    }

    /// <summary>The one answer to a wrong password, whatever the account: unknown, known, locked or disabled.</summary>
    public static string WrongCredentialsMessage => AccountText.Get("SignInWrongCredentials");

    /// <summary>Runs the hasher as a known account's check would, so that an unknown e-mail takes as long to refuse.</summary>
    private bool HashForNobody(string password)
    {
        s_nobodysHash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(new StaffUser(), s_nobodysHash, password);
        return false;
    }

    private static string Shorten(string email)
    {
        if (email.Length <= AuditedEmailLength)
        {
            return email.Length == 0 ? "(empty)" : email;
        }
        // Never half a surrogate pair.
        var cut = char.IsHighSurrogate(email[AuditedEmailLength - 1]) ? AuditedEmailLength - 1 : AuditedEmailLength;
        return email[..cut] + "…";
    }
}
