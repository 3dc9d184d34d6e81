using Bunit;
using Interview.Domain.Questions;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>After a merge: back to the view the duplicate came from, and the survivor counts what it absorbed.</summary>
public class ModerationMergeTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task AfterAMergeInAnotherViewTheConsoleReturnsToTheWaitingQueueAtTheDuplicatesPlace()
    {
        var session = await LiveSessionAsync();
        var survivor = await ApprovedQuestionAsync(session.Id, "流感疫苗要打几针？");
        var duplicate = await PendingQuestionAsync(session.Id, "流感疫苗打几针？", secondsAgo: 30);
        var next = await PendingQuestionAsync(session.Id, "疫苗打几针才够？", secondsAgo: 20);
        var other = await PendingQuestionAsync(session.Id, "别的问题", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(duplicate, SelectedId(cut)));

        await PressAsync(cut, "m");
        // The survivor is approved: the moderator steps to 已采用 to find it.
        await PressAsync(cut, "s");
        cut.WaitForAssertion(() => Assert.Equal([survivor], Listed(cut)));
        await PressAsync(cut, "Enter");

        cut.WaitForAssertion(() => Assert.Equal([next, other], Listed(cut)));
        Assert.Equal("true", cut.Find("[data-status=Pending]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-status=Approved]").GetAttribute("aria-pressed"));
        Assert.Equal(next, SelectedId(cut));
        Assert.Empty(cut.FindAll(".merge-banner"));
        var stored = await StoredQuestionAsync(duplicate);
        Assert.Equal((QuestionStatus.Merged, (int?)survivor), (stored.Status, stored.MergedIntoId));
    }

    [Fact]
    public async Task TheQuestionThatAbsorbedDuplicatesShowsHowMany()
    {
        var session = await LiveSessionAsync();
        var survivor = await ApprovedQuestionAsync(session.Id, "流感疫苗要打几针？");
        var untouched = await ApprovedQuestionAsync(session.Id, "别的问题");
        foreach (var text in new[] { "流感疫苗打几针？", "疫苗打几针才够？" })
        {
            await Moderation.MergeAsync(Admin, await PendingQuestionAsync(session.Id, text), survivor);
        }
        var cut = RenderConsole(session.Id);

        cut.Find("[data-status=Approved]").Click();

        cut.WaitForAssertion(() => Assert.Equal("已合并 2 条重复", Row(cut, survivor).QuerySelector(".merged-count")?.TextContent.Trim()));
        Assert.Null(Row(cut, untouched).QuerySelector(".merged-count"));
    }
}
