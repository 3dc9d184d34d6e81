using Bunit;
using Interview.Domain.Questions;
using Interview.Web.Components.Admin.Live;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>The host's question board masks personal data a moderator kept for the public, until an audited reveal.</summary>
public class QuestionBoardPersonalDataTests : LiveConsoleTestContext
{
    [Fact]
    public async Task KeptPersonalDataShowsMaskedOnTheHostsBoardUntilRevealedAndTheRevealIsAudited()
    {
        var session = await LiveSessionAsync();
        int id;
        await using (var db = Database.CreateDbContext())
        {
            var question = Question.Submit(session.Id, Guid.NewGuid().ToString("N")[..16], "网友13907675678", "单位热线是0755 8300 1234吗？", null, DateTimeOffset.UtcNow);
            question.Approve("moderator@example.gov.cn", null, DateTimeOffset.UtcNow, keepPersonalData: true);
            db.Questions.Add(question);
            await db.SaveChangesAsync();
            id = question.Id;
        }
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForAssertion(() => Assert.Equal("单位热线是0755-****1234吗？", cut.Find(".desk-question .question-text").TextContent.Trim()));
        Assert.DoesNotContain("8300", cut.Find(".question-board").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13907675678", cut.Find(".question-board").TextContent, StringComparison.Ordinal);

        cut.Find(".desk-question .reveal-text").Click();

        cut.WaitForAssertion(() => Assert.Equal("单位热线是0755 8300 1234吗？", cut.Find(".desk-question .question-text").TextContent.Trim()));
        Assert.Contains("[网友 网友13907675678]", cut.Find(".desk-question").TextContent, StringComparison.Ordinal);
        await using var check = Database.CreateDbContext();
        var audit = Assert.Single(await check.AuditLog.Where(a => a.Action == "question.text.view").ToListAsync());
        Assert.Equal((AdminEmail, $"question/{id}"), (audit.Actor, audit.Target));
    }
}
