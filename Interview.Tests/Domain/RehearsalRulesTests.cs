using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain;

/// <summary>The rules of a rehearsal (彩排) on the session aggregate.</summary>
public sealed class RehearsalRulesTests
{
    [Fact]
    public void ARehearsalCopiesTheSessionStartsScheduledAndTakesThePhotoCopies()
    {
        var session = SessionWithGuest();
        session.Guests[0].SetPhoto("/media/guests/real.jpg");
        session.Assign("staff-typist", StaffRole.Typist);
        session.RequireReview(true, Now);

        var copy = session.Rehearse("token", url => url + ".copy", Now);

        Assert.True(copy.IsRehearsal);
        Assert.Equal(InterviewStatus.Scheduled, copy.Status);
        Assert.Equal(session.Title, copy.Title);
        Assert.Equal("/media/guests/real.jpg.copy", copy.Guests.Single().PhotoUrl);
        Assert.True(copy.IsAssigned("staff-typist", StaffRole.Typist));
        Assert.True(copy.RequiresReview);
        Assert.False(copy.CanRehearse);
        Assert.True(session.CanRehearse);
    }

    [Fact]
    public void ARehearsalIsNotRehearsedAgainNorIsASessionThatHasStarted()
    {
        var copy = SessionWithGuest().Rehearse("token", url => url, Now);

        Assert.Equal(ErrorCodes.RehearsalOfRehearsal, Assert.Throws<DomainException>(() => copy.Rehearse("again", url => url, Now)).Code);
        Assert.Equal(ErrorCodes.RehearsalClosed,
            Assert.Throws<DomainException>(() => SessionIn(InterviewStatus.Live).Rehearse("t", url => url, Now)).Code);
        Assert.Equal(ErrorCodes.GuestRequiredToSchedule, Assert.Throws<DomainException>(() => Session().Rehearse("t", url => url, Now)).Code);
    }

    [Fact]
    public void OnlyARehearsalMayBeDeleted()
    {
        SessionWithGuest().Rehearse("token", url => url, Now).EnsureDeletable();

        Assert.Equal(ErrorCodes.OnlyRehearsalDeleted, Assert.Throws<DomainException>(() => SessionWithGuest().EnsureDeletable()).Code);
    }
}
