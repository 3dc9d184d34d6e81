using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Interview.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Interview.Web.Staff;

public enum SignInOutcome
{
    SignedIn,
    NeedsTwoFactor,
    MustEnrolTwoFactor,
    MustChangePassword,
    WrongCredentials,
    WrongCode,
    LockedOut,
    Disabled,
    Expired,
    Throttled,
}

/// <summary>The enrolment step's answer: the recovery codes when two-factor was turned on.</summary>
public sealed record Enrolment(SignInOutcome Outcome, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>The authenticator key as the enrolment page shows it: a QR code and the key typed in groups.</summary>
public sealed record AuthenticatorSetup(string FormattedKey, string QrSvg);

/// <summary>
/// The console's sign-in: the password step (<see cref="StaffPasswordStep"/>, shared with the API), then the second
/// factor or its enrolment. Every attempt is audited with the address it came from. Runs per request (static pages),
/// where the sign-in cookie can be set.
/// </summary>
public sealed class StaffSignIn(
    StaffSignInManager signIn,
    UserManager<StaffUser> users,
    StaffPasswordStep passwordStep,
    StaffPasswords passwords,
    AuditTrail audit,
    IOptions<InterviewOptions> options)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The console's first step: the password, then the cookie or the way to the second factor.</summary>
    public async Task<PasswordCheck> PasswordAsync(string email, string password, IPAddress? address)
    {
        var check = await passwordStep.CheckAsync(email, password, address, "console");
        if (check.User is not { } user)
        {
            return check;
        }
        var result = await signIn.SignInAfterPasswordAsync(user);
        var outcome = result switch
        {
            { RequiresTwoFactor: true } => SignInOutcome.NeedsTwoFactor,
            _ when options.Value.Security.RequireTwoFactor == true && !user.TwoFactorEnabled => SignInOutcome.MustEnrolTwoFactor,
            _ when await StaffPasswords.MustChangeAsync(users, user) => SignInOutcome.MustChangePassword,
            _ => SignInOutcome.SignedIn,
        };
        await audit.RecordAsync(new StaffActor(user.Id, user.Email ?? "", address?.ToString()), "auth.sign-in", $"staff/{user.Id}", AuditOutcome(outcome, "password"));
        return check with { Outcome = outcome };
    }

    /// <summary>
    /// The console's password change (<see cref="StaffPasswords.ChangeOwnAsync"/>): every other sign-in of the account
    /// ends; this browser gets a new cookie with the new stamp, keeping its two-factor claim.
    /// </summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, IPAddress? address)
    {
        var user = await passwords.ChangeOwnAsync(users, principal.Actor(address?.ToString()), address, currentPassword, newPassword);
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>The second step: a TOTP code or a recovery code, for the account that passed the password step.</summary>
    public async Task<SignInOutcome> SecondFactorAsync(string code, string? ip)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInOutcome.Expired;
        }
        var actor = new StaffActor(user.Id, user.Email ?? "", ip);
        var cleaned = CleanCode(code);
        var result = cleaned.Length == 6 && cleaned.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(cleaned);
        var outcome = result switch
        {
            { Succeeded: true } when await StaffPasswords.MustChangeAsync(users, user) => SignInOutcome.MustChangePassword,
            { Succeeded: true } => SignInOutcome.SignedIn,
            { IsLockedOut: true } => SignInOutcome.LockedOut,
            { IsNotAllowed: true } => SignInOutcome.Disabled,
            _ => SignInOutcome.WrongCode,
        };
        await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", AuditOutcome(outcome, "second factor"));
        return outcome;
    }

    /// <summary>The key to enrol (made on first visit); null when two-factor is already on.</summary>
    public async Task<AuthenticatorSetup?> AuthenticatorSetupAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal) ?? throw new NotFoundException(Text.SiteErrorCodes.AccountNotFound);
        if (user.TwoFactorEnabled)
        {
            return null;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // A new key is a new security stamp: keep this browser's sign-in, which every request now checks.
            await signIn.RefreshSignInAsync(user);
        }
        var issuer = Uri.EscapeDataString(options.Value.SiteName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetup(Format(key), svg);
    }

    /// <summary>
    /// Turns two-factor on when <paramref name="code"/> matches, with the recovery codes. Wrong codes count towards the
    /// account's lockout, as at sign-in: the person is past the password, so only they (or whoever has it) can lock it.
    /// </summary>
    public async Task<Enrolment> EnrolAsync(ClaimsPrincipal principal, string code, string? ip)
    {
        var user = await users.GetUserAsync(principal) ?? throw new NotFoundException(Text.SiteErrorCodes.AccountNotFound);
        var actor = new StaffActor(user.Id, user.Email ?? "", ip);
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(actor, "auth.two-factor.enrol", $"staff/{user.Id}", "failed: locked out");
            return new Enrolment(SignInOutcome.LockedOut);
        }
        var cleaned = CleanCode(code);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            await audit.RecordAsync(actor, "auth.two-factor.enrol", $"staff/{user.Id}", locked ? "failed: wrong code, now locked out" : "failed: wrong code");
            return new Enrolment(locked ? SignInOutcome.LockedOut : SignInOutcome.WrongCode);
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        // The person has just shown the second factor: sign in again with it, and with the new security stamp.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(StaffPolicies.MultiFactorClaim, StaffPolicies.MultiFactorValue)]);
        await audit.RecordAsync(actor, "auth.two-factor.enrol", $"staff/{user.Id}", AuditTrail.Ok);
        return new Enrolment(SignInOutcome.SignedIn, codes);
    }

    /// <summary>A code as people type it ("123 456", "abcd-efgh") in the form the checks expect.</summary>
    public static string CleanCode(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>Only a local path (<see cref="Accessibility.LocalReturnUrl"/>'s rules) other than the account pages may follow sign-in; anything else goes to the console's home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        Accessibility.LocalReturnUrl.IsLocal(returnUrl) && returnUrl.Length > 1 && !returnUrl.StartsWith("/account", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/admin";

    /// <summary>Why a sign-in did not go through, in the request's culture (the pages and the API show the same words).</summary>
    public static string Message(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.LockedOut => AccountText.Get("SignInLockedOut"),
        SignInOutcome.Disabled => AccountText.Get("SignInDisabled"),
        SignInOutcome.WrongCode => AccountText.Get("SignInWrongCode"),
        SignInOutcome.Expired => AccountText.Get("SignInExpired"),
        SignInOutcome.Throttled => AccountText.Get("SignInThrottled"),
        _ => StaffPasswordStep.WrongCredentialsMessage,
    };

    private static string AuditOutcome(SignInOutcome outcome, string step) => outcome switch
    {
        SignInOutcome.SignedIn => AuditTrail.Ok,
        SignInOutcome.NeedsTwoFactor => $"ok: {step}, second factor next",
        SignInOutcome.MustEnrolTwoFactor => $"ok: {step}, must enrol two-factor",
        SignInOutcome.MustChangePassword => $"ok: {step}, must change password",
        _ => $"failed: {outcome.ToString().ToLower(CultureInfo.InvariantCulture)} ({step})",
    };

    private static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
