using System.Globalization;
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
    WrongCredentials,
    WrongCode,
    LockedOut,
    Disabled,
    Expired,
}

/// <summary>The authenticator key as the enrolment page shows it: a QR code and the key typed in groups.</summary>
public sealed record AuthenticatorSetup(string FormattedKey, string QrSvg);

/// <summary>
/// The console's sign-in: password, then the second factor or its enrolment. Every attempt, success or failure, is
/// audited with the address it came from. Runs per request (static pages), where the sign-in cookie can be set.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AuditTrail audit,
    IOptions<InterviewOptions> options)
{
    public const int RecoveryCodeCount = 10;

    public async Task<SignInOutcome> PasswordAsync(string email, string password, string? ip)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var actor = new StaffActor(user?.Id ?? "", email, ip);
        if (user is null)
        {
            await audit.RecordAsync(actor, "auth.sign-in", "console", "failed: unknown account");
            return SignInOutcome.WrongCredentials;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } when !user.TwoFactorEnabled && options.Value.Security.RequireTwoFactor == true => SignInOutcome.MustEnrolTwoFactor,
            { Succeeded: true } => SignInOutcome.SignedIn,
            { RequiresTwoFactor: true } => SignInOutcome.NeedsTwoFactor,
            { IsLockedOut: true } => SignInOutcome.LockedOut,
            { IsNotAllowed: true } => SignInOutcome.Disabled,
            _ => SignInOutcome.WrongCredentials,
        };
        await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", AuditOutcome(outcome, "password"));
        return outcome;
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
        var user = await users.GetUserAsync(principal) ?? throw new NotFoundException("账号不存在。");
        if (user.TwoFactorEnabled)
        {
            return null;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        var issuer = Uri.EscapeDataString(options.Value.SiteName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetup(Format(key), svg);
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> matches; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(ClaimsPrincipal principal, string code, string? ip)
    {
        var user = await users.GetUserAsync(principal) ?? throw new NotFoundException("账号不存在。");
        var actor = new StaffActor(user.Id, user.Email ?? "", ip);
        var cleaned = CleanCode(code);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            await audit.RecordAsync(actor, "auth.two-factor.enrol", $"staff/{user.Id}", "failed: wrong code");
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        // The person has just shown the second factor: sign in again with it, and with the new security stamp.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(StaffPolicies.MultiFactorClaim, StaffPolicies.MultiFactorValue)]);
        await audit.RecordAsync(actor, "auth.two-factor.enrol", $"staff/{user.Id}", AuditTrail.Ok);
        return codes;
    }

    /// <summary>A code as people type it ("123 456", "abcd-efgh") in the form the checks expect.</summary>
    public static string CleanCode(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>Only a local path may follow sign-in; anything else goes to the console's home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.StartsWith("/account", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/admin";

    public static string Message(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.LockedOut => "失败次数过多，账号已临时锁定，请 5 分钟后再试。",
        SignInOutcome.Disabled => "账号已停用，请联系管理员。",
        SignInOutcome.WrongCode => "验证码不正确。",
        SignInOutcome.Expired => "登录已过期，请重新登录。",
        _ => "邮箱或密码错误。",
    };

    private static string AuditOutcome(SignInOutcome outcome, string step) => outcome switch
    {
        SignInOutcome.SignedIn => AuditTrail.Ok,
        SignInOutcome.NeedsTwoFactor => $"ok: {step}, second factor next",
        SignInOutcome.MustEnrolTwoFactor => $"ok: {step}, must enrol two-factor",
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
