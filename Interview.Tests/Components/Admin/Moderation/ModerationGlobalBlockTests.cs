using Bunit;
using Interview.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>The console's block offers 本场 to moderators and 全站 to admins too; a blocked sender can be unblocked from the card.</summary>
public class ModerationGlobalBlockTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task AnAdminBlocksEverywhereFromTheConsoleAndUnblocksFromTheCard()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "各场都在刷屏", clientKey: "client-everywhere");
        var cut = RenderConsole(session.Id);

        cut.WaitForElement(".block-sender").Click();
        cut.Find(".confirm-block-global").Click();

        cut.WaitForElement(".unblock-sender");
        await using (var db = Database.CreateDbContext())
        {
            var block = await db.ClientBlocks.SingleAsync();
            Assert.Equal((null, "client-everywhere"), (block.InterviewId, block.ClientKey));
        }
        Row(cut, id).QuerySelector(".unblock-sender")!.Click();
        cut.WaitForElement(".block-sender");
        await using var check = Database.CreateDbContext();
        Assert.False(await check.ClientBlocks.AnyAsync());
    }

    [Fact]
    public async Task AModeratorIsOfferedOnlyTheBlockInThisSession()
    {
        var session = await LiveSessionAsync();
        await PendingQuestionAsync(session.Id, "本场刷屏", clientKey: "client-here");
        await AddStaffAsync("staff-mod", "mod@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-mod", "mod@example.gov.cn", StaffRole.Moderator);
        var cut = RenderConsole(session.Id);

        cut.WaitForElement(".block-sender").Click();

        Assert.NotNull(cut.Find(".confirm-block"));
        Assert.Empty(cut.FindAll(".confirm-block-global"));
    }
}
