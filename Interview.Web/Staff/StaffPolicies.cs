using System.Security.Claims;
using Interview.Domain.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Interview.Web.Staff;

/// <summary>
/// Who may reach what. Deny by default: every endpoint needs a signed-in staff member who has completed two-factor
/// (when required) unless it says otherwise; the public site and API opt out explicitly.
/// </summary>
public static class StaffPolicies
{
    /// <summary>Signed in, two-factor not yet needed: the pages that enrol it.</summary>
    public const string SignedIn = "signed-in";
    public const string Admin = StaffRoles.Admin;
    /// <summary>Admins and hosts: create sessions and move them along.</summary>
    public const string Sessions = "sessions";
    /// <summary>Those who publish during a session: admins, hosts, typists.</summary>
    public const string Publish = "publish";
    /// <summary>Those who work with review drafts: admins, reviewers, typists (who revise what was sent back).</summary>
    public const string Review = "review";
    /// <summary>Those who decide on citizens' questions: admins and moderators.</summary>
    public const string Moderate = "moderate";
    /// <summary>Those who read the question queue: admins, moderators, hosts.</summary>
    public const string Questions = "questions";
    /// <summary>Anyone with a staff role.</summary>
    public const string Staff = "staff";

    /// <summary>The claim Identity adds to a sign-in completed with a second factor.</summary>
    public const string MultiFactorClaim = "amr";
    public const string MultiFactorValue = "mfa";

    public static void Configure(AuthorizationOptions options)
    {
        var staff = Base().RequireRole(StaffRoles.All.Select(r => r.Name()).ToArray()).Build();
        options.DefaultPolicy = staff;
        options.FallbackPolicy = staff;
        options.AddPolicy(Staff, staff);
        options.AddPolicy(SignedIn, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, capability) in Capabilities)
        {
            options.AddPolicy(policy, Base().RequireRole(capability.RolesFor().Select(r => r.Name())).Build());
        }
    }

    /// <summary>Which capability each role policy stands for; the roles come from <see cref="StaffCapabilities"/>.</summary>
    public static IReadOnlyDictionary<string, StaffCapability> Capabilities { get; } = new Dictionary<string, StaffCapability>
    {
        [Admin] = StaffCapability.Administer,
        [Sessions] = StaffCapability.RunSessions,
        [Moderate] = StaffCapability.Moderate,
        [Questions] = StaffCapability.ReadQuestions,
        [Publish] = StaffCapability.Publish,
        [Review] = StaffCapability.Review,
    };

    private static AuthorizationPolicyBuilder Base() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new TwoFactorRequirement(), new PasswordChangeRequirement());

    /// <summary>The user claim an admin's forced reset puts on an account until it sets a new password.</summary>
    public const string MustChangePasswordClaim = "interview:must-change-password";

    public static bool MustChangePassword(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == MustChangePasswordClaim);

    public static bool HasMultiFactor(this ClaimsPrincipal user) =>
        user.HasClaim(MultiFactorClaim, MultiFactorValue);

    public static StaffActor Actor(this ClaimsPrincipal user, string? ipAddress) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "", ipAddress);
}

/// <summary>With <c>Interview:Security:RequireTwoFactor</c>, a staff member acts only after a second factor.</summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement;

public sealed class TwoFactorHandler(IOptions<InterviewOptions> options) : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.Value.Security.RequireTwoFactor != true || context.User.HasMultiFactor())
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>After an admin forced a reset, the account may only change its password (and sign out) until it has.</summary>
public sealed class PasswordChangeRequirement : IAuthorizationRequirement;

public sealed class PasswordChangeHandler : AuthorizationHandler<PasswordChangeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.User.MustChangePassword())
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
