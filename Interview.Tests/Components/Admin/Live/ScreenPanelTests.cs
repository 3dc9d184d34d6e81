using Bunit;
using Interview.Domain.Questions;
using Interview.Web.Components.Admin.Live;
using Interview.Web.Live;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>The host makes the studio screen's link in the console, chooses what it shows, and revokes it.</summary>
public class ScreenPanelTests : LiveConsoleTestContext
{
    [Fact]
    public async Task TheHostMakesTheLinkPinsAQuestionAndRevokesTheLinkFromTheConsole()
    {
        var session = await LiveSessionAsync();
        int qid;
        await using (var db = Database.CreateDbContext())
        {
            var question = Question.Submit(session.Id, Guid.NewGuid().ToString("N")[..16], "市民", "公园什么时候开放夜场？", null, DateTimeOffset.UtcNow);
            question.Approve("moderator@example.gov.cn", null, DateTimeOffset.UtcNow);
            db.Questions.Add(question);
            await db.SaveChangesAsync();
            qid = question.Id;
        }
        var screens = Service<StudioScreens>();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Contains("还没有大屏链接。", cut.Find(".screen-panel").TextContent, StringComparison.Ordinal));

        cut.Find(".screen-panel .screen-new-link").Click();

        string token = "";
        cut.WaitForAssertion(() =>
        {
            var url = cut.Find(".screen-panel .screen-link input").GetAttribute("value")!;
            Assert.Matches("/screen/[A-Za-z0-9_-]{32}$", url);
            token = url[(url.LastIndexOf('/') + 1)..];
        });
        Assert.EndsWith($"/screen/{token}?overlay=1", cut.Find(".screen-panel .screen-overlay-link input").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Equal(session.Id, (await screens.ViewAsync(token))!.InterviewId);

        cut.Find(".screen-panel .mud-select .mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("公园什么时候开放夜场", StringComparison.Ordinal)).Click());

        await WaitForAsync(async () => (await screens.ViewAsync(token))?.Question is { Pinned: true } pinned && pinned.Id == qid);

        cut.Find(".screen-panel .screen-revoke").Click();

        await WaitForAsync(async () => await screens.ViewAsync(token) is null);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".screen-panel .screen-link")));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out");
            await Task.Delay(20);
        }
    }
}
