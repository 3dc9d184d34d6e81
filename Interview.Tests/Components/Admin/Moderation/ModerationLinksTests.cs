using Bunit;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin;
using Interview.Web.Components.Admin.Moderation;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>How moderators find the console: the list of sessions to moderate and the home page.</summary>
public class ModerationLinksTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task TheModerationPageListsSessionsTakingQuestionsWithHowManyWait()
    {
        var session = await LiveSessionAsync();
        await PendingQuestionAsync(session.Id, "第一个问题");
        await PendingQuestionAsync(session.Id, "第二个问题");
        await ApprovedQuestionAsync(session.Id);

        var cut = Render<ModerationSessionsPage>();

        cut.WaitForAssertion(() =>
        {
            var row = cut.FindAll(".moderation-sessions tbody tr").Single(r => r.TextContent.Contains("秋冬季流感防控在线访谈", StringComparison.Ordinal));
            Assert.Equal("2", row.QuerySelector(".pending-count")!.TextContent.Trim());
            Assert.Equal($"/admin/sessions/{session.Id}/moderate", row.QuerySelector("a")!.GetAttribute("href"));
        });
    }

    [Fact]
    public async Task AModeratorFindsTheModerationPageOnTheHomePage()
    {
        await AddStaffAsync("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/admin/moderation"));
    }

    [Fact]
    public async Task ATypistDoesNotGetTheModerationPage()
    {
        await AddStaffAsync("staff-typist", "typist@example.gov.cn", StaffRole.Typist);
        SignInAs("staff-typist", "typist@example.gov.cn", StaffRole.Typist);

        var cut = Render<AdminHome>();

        cut.WaitForAssertion(() => Assert.Contains("录入员", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(cut.FindAll("a"), a => a.GetAttribute("href") == "/admin/moderation");
    }
}
