using Bunit;
using Interview.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>The console shows personal data in nickname and text masked, like the phone, until an audited reveal.</summary>
public class ModerationPersonalDataTests : ModerationConsoleTestContext
{
    private const string Text = "我的手机139.0767.1234，座机010-62345678，请回电";

    [Fact]
    public async Task PersonalDataInTheTextAndNicknameShowsMaskedUntilTheModeratorRevealsItAndTheRevealIsAudited()
    {
        await AddStaffAsync("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-moderator", "moderator@example.gov.cn", StaffRole.Moderator);
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, Text, nickname: "网友13907675678");
        var cut = RenderConsole(session.Id);

        cut.WaitForAssertion(() => Assert.Equal("我的手机139****1234，座机010-****5678，请回电", Row(cut, id).QuerySelector(".question-text")!.TextContent.Trim()));
        Assert.Contains("[网友 网友139****5678]", Row(cut, id).QuerySelector(".question-from")!.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { "139.0767.1234", "62345678", "13907675678" })
        {
            Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        }

        Row(cut, id).QuerySelector(".reveal-text")!.Click();

        cut.WaitForAssertion(() => Assert.Equal(Text, Row(cut, id).QuerySelector(".question-text")!.TextContent.Trim()));
        Assert.Contains("网友13907675678", Row(cut, id).QuerySelector(".question-from")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".reveal-text"));
        await using var db = Database.CreateDbContext();
        var audit = Assert.Single(await db.AuditLog.Where(a => a.Action == "question.text.view").ToListAsync());
        Assert.Equal(("moderator@example.gov.cn", $"question/{id}"), (audit.Actor, audit.Target));
    }

    [Fact]
    public async Task ApprovingUnrevealedMasksAndEditingARevealedQuestionStartsFromTheWordsAsWritten()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, Text);
        var cut = RenderConsole(session.Id);
        cut.WaitForElement(".reveal-text").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".reveal-text")));

        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));
        await PressAsync(cut, "e");

        Assert.Equal(Text, cut.WaitForElement("textarea.edit-text").GetAttribute("value"));
        await cut.Find("textarea.edit-text").KeyDownAsync(CtrlEnter);
        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        // Unchanged wording approves as written, and approval masks by default.
        Assert.Equal("我的手机139****1234，座机010-****5678，请回电", (await StoredQuestionAsync(id)).Text);
    }

    [Fact]
    public async Task AQuestionWithoutPersonalDataOffersNoReveal()
    {
        var session = await LiveSessionAsync();
        await PendingQuestionAsync(session.Id, "2026年的补贴标准是多少？请拨打12345吗？");
        var cut = RenderConsole(session.Id);

        cut.WaitForAssertion(() => Assert.Contains("2026年的补贴标准", cut.Find(".question-text").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".reveal-text"));
    }
}
