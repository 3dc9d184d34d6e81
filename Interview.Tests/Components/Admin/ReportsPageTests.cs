using Bunit;
using Interview.Domain.Reports;
using Interview.Web.Components.Admin.Reports;
using Interview.Web.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin;

/// <summary>The reports page: open reports with a link to the console that fixes the content; a decision needs a reply.</summary>
public class ReportsPageTests : Moderation.ModerationConsoleTestContext
{
    public ReportsPageTests() => Services.AddSingleton<ReportDesk>();

    [Fact]
    public async Task AnAdminHandlesAReportWithAReplyAndTheCardShowsTheOutcome()
    {
        var session = await LiveSessionAsync();
        var question = await ApprovedQuestionAsync(session.Id, "这是广告内容");
        int id;
        await using (var db = Database.CreateDbContext())
        {
            var report = Report.Submit("PAGEREPORT22", session.Id, null, question, ReportReason.Spam, "推销", "client", DateTimeOffset.UtcNow);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            id = report.Id;
        }
        var cut = Render<ReportsPage>();

        var card = cut.WaitForElement($"[data-report='{id}']");
        Assert.Contains("这是广告内容", card.QuerySelector(".report-target")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/admin/sessions/{session.Id}/moderate", card.QuerySelector(".report-tool")!.GetAttribute("href"));
        cut.Find(".report-handle").Click();
        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages(), m => m.Contains("答复", StringComparison.Ordinal)));

        cut.Find(".report-reply textarea").Change("已在审核台撤下该问题。");
        cut.Find(".report-handle").Click();

        cut.WaitForAssertion(() => Assert.Equal("已处理", cut.Find($"[data-report='{id}'] .report-status").TextContent.Trim()));
        Assert.Contains("已在审核台撤下该问题。", cut.Find(".report-reply-text").TextContent, StringComparison.Ordinal);
        await using var check = Database.CreateDbContext();
        Assert.Equal(ReportStatus.Handled, (await check.Reports.SingleAsync()).Status);
    }
}
