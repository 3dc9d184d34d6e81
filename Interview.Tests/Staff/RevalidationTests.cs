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
