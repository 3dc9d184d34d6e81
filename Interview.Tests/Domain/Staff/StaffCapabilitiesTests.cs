using Interview.Domain.Staff;

namespace Interview.Tests.Domain.Staff;

public class StaffCapabilitiesTests
{
    // The matrix as the README's role table states it; a change here is a change of who may do what.
    public static TheoryData<StaffCapability, StaffRole[]> Matrix => new()
    {
        { StaffCapability.Administer, [StaffRole.Admin] },
        { StaffCapability.RunSessions, [StaffRole.Admin, StaffRole.Host] },
        { StaffCapability.Publish, [StaffRole.Admin, StaffRole.Host, StaffRole.Typist] },
        { StaffCapability.Review, [StaffRole.Admin, StaffRole.Reviewer, StaffRole.Typist] },
        { StaffCapability.Moderate, [StaffRole.Admin, StaffRole.Moderator] },
        { StaffCapability.ReadQuestions, [StaffRole.Admin, StaffRole.Moderator, StaffRole.Host] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void EachCapabilityOpensToExactlyItsRoles(StaffCapability capability, StaffRole[] roles)
    {
        Assert.Equal(roles.Order(), capability.RolesFor().Order());
    }

    [Fact]
    public void EveryCapabilityIsInTheTable()
    {
        Assert.Equal(Enum.GetValues<StaffCapability>().Length, Matrix.Count);
    }

    [Fact]
    public void AnAdminHoldsEveryCapability()
    {
        Assert.All(Enum.GetValues<StaffCapability>(), c => Assert.True(new[] { StaffRole.Admin }.Allows(c)));
    }

    [Fact]
    public void ARoleAllowsOnlyWhatTheTableGivesIt()
    {
        StaffRole[] typist = [StaffRole.Typist];

        Assert.True(typist.Allows(StaffCapability.Publish));
        Assert.False(typist.Allows(StaffCapability.RunSessions));
        Assert.False(Array.Empty<StaffRole>().Allows(StaffCapability.Publish));
    }

    [Fact]
    public void RoleNamesAreTheClaimNamesJoinedByCommas()
    {
        Assert.Equal("admin,moderator", StaffCapability.Moderate.RoleNames());
    }
}
