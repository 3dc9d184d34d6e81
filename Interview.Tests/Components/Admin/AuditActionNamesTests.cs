using System.Globalization;
using Bunit;
using Interview.Domain.Audit;
using Interview.Web.Components.Admin.Audit;

namespace Interview.Tests.Components.Admin;

/// <summary>The audit page names each action the site writes in the reader's language, beside the code that filters use.</summary>
public class AuditActionNamesTests : AdminTestContext
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("zh-CN", "访谈状态变更", "采用问题")]
    [InlineData("en", "Interview status changed", "Question approved")]
    public async Task AnActionShowsItsNameInTheCultureAndItsCodeWhileAnUnknownCodeShowsAlone(string culture, string transition, string approve)
    {
        await using (var db = Database.CreateDbContext())
        {
            db.AuditLog.AddRange(
                AuditEntry.Record(Morning.AddHours(3), "x@example.gov.cn", "something.new", "interview/3", "ok"),
                AuditEntry.Record(Morning.AddHours(2), "host@example.gov.cn", "interview.transition", "interview/3", "ok"),
                AuditEntry.Record(Morning.AddHours(1), "moderator@example.gov.cn", "question.approve", "question/7", "ok"));
            await db.SaveChangesAsync();
        }
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var cut = Render<AuditPage>();

            cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".audit-table tbody tr").Count));
            // The sentence names the action; the code stays in the record shown on demand. An unknown code reads as itself.
            var rows = cut.FindAll(".audit-table tbody tr");
            Assert.Contains("something.new", rows[0].QuerySelector(".audit-sentence")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(transition, rows[1].QuerySelector(".audit-sentence")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(approve, rows[2].QuerySelector(".audit-sentence")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(["something.new", "interview.transition", "question.approve"],
                rows.Select(r => r.QuerySelector(".audit-raw code")!.TextContent.Trim()));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
