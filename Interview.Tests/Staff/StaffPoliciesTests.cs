using Interview.Domain.Staff;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Interview.Tests.Staff;

public class StaffPoliciesTests
{
    [Fact]
    public void EachRolePolicyTakesExactlyTheRolesTheTableGivesItsCapability()
    {
        var options = new AuthorizationOptions();
        StaffPolicies.Configure(options);

        Assert.All(StaffPolicies.Capabilities, pair =>
        {
            var policy = options.GetPolicy(pair.Key);
            Assert.NotNull(policy);
            var required = Assert.Single(policy.Requirements.OfType<RolesAuthorizationRequirement>());
            Assert.Equal(pair.Value.RolesFor().Select(r => r.Name()).Order(), required.AllowedRoles.Order());
        });
    }

    [Fact]
    public void EveryCapabilityHasAPolicy()
    {
        Assert.Equal(Enum.GetValues<StaffCapability>().Order(), StaffPolicies.Capabilities.Values.Order());
    }

    [Fact]
    public void TheModerationPolicyStillTakesOnlyAdminsAndModerators()
    {
        var options = new AuthorizationOptions();
        StaffPolicies.Configure(options);

        var required = Assert.Single(options.GetPolicy(StaffPolicies.Moderate)!.Requirements.OfType<RolesAuthorizationRequirement>());
        Assert.Equal(["admin", "moderator"], required.AllowedRoles.Order());
    }
}
