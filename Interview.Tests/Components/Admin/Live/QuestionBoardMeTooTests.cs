using Bunit;
using Interview.Domain.Questions;
using Interview.Web.Components.Admin.Live;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>The host's board shows each question's 同问 count and can put the most-joined first.</summary>
public class QuestionBoardMeTooTests : LiveConsoleTestContext
{
    [Fact]
    public async Task TheHostSortsTheBoardByMeTooAndTheNextQuestionFollowsTheOrderShown()
    {
        var session = await LiveSessionAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = Database.CreateDbContext())
        {
            var texts = new[] { ("早来的问题", 0), ("最多人同问的问题", 3), ("一人同问的问题", 1) };
            for (var i = 0; i < texts.Length; i++)
            {
                var question = Question.Submit(session.Id, Guid.NewGuid().ToString("N")[..16], $"网友{i}", texts[i].Item1, null, now.AddMinutes(i));
                question.Approve("moderator@example.gov.cn", null, now.AddMinutes(i));
                db.Questions.Add(question);
                await db.SaveChangesAsync();
                for (var v = 0; v < texts[i].Item2; v++)
                {
                    db.MeToos.Add(MeToo.Add(question.Id, $"client-{i}-{v}", now));
                }
            }
            await db.SaveChangesAsync();
        }
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".desk-question").Count));

        Assert.Equal(["早来的问题", "最多人同问的问题", "一人同问的问题"], Texts(cut));
        Assert.Equal(["同问 3", "同问 1"], cut.FindAll(".desk-question .me-too-count").Select(c => c.TextContent.Trim()));

        cut.Find(".board-sort .sort-me-too").Click();

        cut.WaitForAssertion(() => Assert.Equal(["最多人同问的问题", "一人同问的问题", "早来的问题"], Texts(cut)));
        Assert.Equal("true", cut.Find(".board-sort .sort-me-too").GetAttribute("aria-pressed"));
        Assert.Equal("Alt+N", cut.FindAll(".desk-question .ask-question")[0].GetAttribute("aria-keyshortcuts"));
    }

    private static List<string> Texts(IRenderedComponent<HostConsolePage> cut) =>
        cut.FindAll(".desk-question .question-text").Select(t => t.TextContent.Trim()).ToList();
}
