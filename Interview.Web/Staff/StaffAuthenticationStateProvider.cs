using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Interview.Web.Staff;

/// <summary>
/// Re-checks a running console's sign-in every few minutes (at most 5), and at once when this instance ends the
/// account's sessions (<see cref="SessionEndings"/>): a console idle past the limit, or an account whose security stamp
/// changed (signed out elsewhere, new roles, disabled, password or two-factor reset), is signed out of the circuit, so a
/// demoted moderator loses the power to approve without having to sign out. Privileged actions also re-check the
/// roles themselves (StaffPermissions).
/// </summary>
public sealed class StaffAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<InterviewOptions> _site;
    private readonly CircuitActivity _activity;
    private readonly SessionEndings _endings;
    private readonly ILogger _logger;

    public StaffAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<InterviewOptions> site, CircuitActivity activity,
        SessionEndings endings)
        : base(loggerFactory)
    {
        _scopes = scopes;
        _site = site;
        _activity = activity;
        _endings = endings;
        _logger = loggerFactory.CreateLogger<StaffAuthenticationStateProvider>();
        _endings.Ended += OnEnded;
    }

    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromMinutes(Math.Clamp(_site.Value.Security.RevalidationMinutes, 1, 5));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        if (_activity.IsIdleLongerThan(TimeSpan.FromMinutes(Math.Max(1, _site.Value.Security.IdleSignOutMinutes))))
        {
            return false;
        }
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        // The same rule as every request's cookie and token check.
        return await StaffSessions.IsCurrentAsync(users, authenticationState.User);
    }

    /// <summary>The check the circuit runs every few minutes, callable from tests.</summary>
    internal Task<bool> RevalidateAsync(AuthenticationState state) => ValidateAuthenticationStateAsync(state, CancellationToken.None);

    /// <summary>
    /// Only a running console checks early: a static page's request (which also has this provider) is over in a moment,
    /// and a page that ends the sessions itself, such as the password change, re-issues its own cookie.
    /// </summary>
    private void OnEnded(string userId)
    {
        if (_activity.IsCircuit)
        {
            _ = CheckNowAsync(userId);
        }
    }

    private async Task CheckNowAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId
                && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            // The periodic check still runs; this one was only early.
            _logger.LogWarning(e, "Could not re-check a console's sign-in after its account's sessions were ended.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _endings.Ended -= OnEnded;
        }
        base.Dispose(disposing);
    }
}
