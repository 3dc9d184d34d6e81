using Bunit;
using Interview.Domain.Interviews;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Live;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>A rehearsal (彩排) in the host console: marked as such, and its answers carried into the real session as 预录.</summary>
public class RehearsalConsoleTests : LiveConsoleTestContext
{
    public RehearsalConsoleTests() => Services.AddSingleton<RehearsalCarry>();

    [Fact]
    public async Task TheHostConsoleMarksTheRehearsalAndCarriesAGuestsAnswerIntoTheLiveRealSessionAsPreRecorded()
    {
        var real = await LiveSessionAsync(InterviewStatus.Scheduled);
        var rehearsal = await Service<Rehearsals>().CreateAsync(Admin, real.Id);
        await Service<InterviewAdmin>().TransitionAsync(Admin, rehearsal.Id, InterviewStatus.Live);
        await Publisher.PublishAsync(Admin, rehearsal.Id, new EntryRequest(EntryKind.Guest, "提前备好的答复。", rehearsal.Guests[1].Id));
        await Publisher.PublishAsync(Admin, rehearsal.Id, new EntryRequest(EntryKind.Note, "现场说明。"));
        await Service<InterviewAdmin>().TransitionAsync(Admin, real.Id, InterviewStatus.Live);

        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, rehearsal.Id));
        cut.WaitForAssertion(() => Assert.Equal("彩排", cut.Find(".live-header .rehearsal-chip").TextContent.Trim()));
        Assert.Single(cut.FindAll(".live-transcript .carry-prepared"));

        cut.Find(".live-transcript .carry-prepared").Click();

        cut.WaitForAssertion(() => Assert.Contains("已作为预录发布到正式访谈。", SnackbarMessages()));
        var carried = Assert.Single(await StoredEntriesAsync(real.Id));
        Assert.True(carried.IsPrepared);
        Assert.Equal((EntryKind.Guest, (int?)real.SecondGuestId, "提前备好的答复。"), (carried.Kind, carried.GuestId, carried.Text));
    }
}
