using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Interview.Web.Staff;

/// <summary>
/// Re-checks a running console's sign-in every few minutes (at most 5): a console idle past the limit, or an account
/// whose security stamp changed (sign-out elsewhere, new roles, disabled, password or two-factor reset), is signed out of the circuit, so a demoted moderator loses the power to approve
/// without having to sign out. Privileged actions also re-check the roles themselves (StaffPermissions).
/// </summary>
public sealed class StaffAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<InterviewOptions> site,
    CircuitActivity activity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromMinutes(Math.Clamp(site.Value.Security.RevalidationMinutes, 1, 5));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        if (activity.IsIdleLongerThan(TimeSpan.FromMinutes(Math.Max(1, site.Value.Security.IdleSignOutMinutes))))
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        // The same rule as every request's cookie and token check, every RevalidationMinutes.
        return await StaffSessions.IsCurrentAsync(users, authenticationState.User);
    }

    /// <summary>The check the circuit runs every few minutes, callable from tests.</summary>
    internal Task<bool> RevalidateAsync(AuthenticationState state) => ValidateAuthenticationStateAsync(state, CancellationToken.None);
}
