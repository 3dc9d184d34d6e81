using Interview.Tests.Support;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

public sealed class RevalidationTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    [Fact]
    public async Task ARunningConsoleLosesItsSignInWhenTheAccountIsDemotedDisabledOrIdle()
    {
        var email = $"rev-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var id = await site.CreateStaffAsync(email, "moderator", "host");
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        var provider = (StaffAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var signedIn = new AuthenticationState(await principals.CreateAsync((await users.FindByIdAsync(id))!));

        Assert.True(await provider.RevalidateAsync(signedIn));

        await site.Services.GetRequiredService<StaffAccounts>()
            .SetRolesAsync(await AdminAsync(users), id, [Interview.Domain.Staff.StaffRole.Host]);
        Assert.False(await provider.RevalidateAsync(signedIn));

        // Signing in again (a new request, so a new scope) picks up the new roles and stamp.
        await using var again = site.Services.CreateAsyncScope();
        var account = await again.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(id);
        var fresh = new AuthenticationState(await again.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(account!));
        Assert.True(await provider.RevalidateAsync(fresh));
        await site.Services.GetRequiredService<StaffAccounts>().SetDisabledAsync(await AdminAsync(users), id, true);
        Assert.False(await provider.RevalidateAsync(fresh));
    }

    private static async Task<StaffActor> AdminAsync(UserManager<StaffUser> users)
    {
        var admin = (await users.FindByEmailAsync(StaffSite.AdminEmail))!;
        return new StaffActor(admin.Id, StaffSite.AdminEmail, "127.0.0.1");
    }
}

public sealed class ConsoleSessionEndTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    [Fact]
    public async Task ARunningConsoleIsSignedOutAsSoonAsItsAccountLogsOutElsewhere()
    {
        var email = $"circ-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var id = await site.CreateStaffAsync(email, "moderator");
        using var token = site.Client(await site.TokenAsync(email));
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(id);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user!);
        // A console's scope, as the circuit host makes it.
        await scope.ServiceProvider.GetRequiredService<CircuitActivity>().OnCircuitOpenedAsync(null!, CancellationToken.None);
        var provider = (StaffAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var signedOut = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult(await state);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await token.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        // Not at the next periodic check (minutes away): at once.
        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(state.User.Identity?.IsAuthenticated);
    }
}
