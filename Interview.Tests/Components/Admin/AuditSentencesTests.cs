using System.Globalization;
using Bunit;
using Interview.Domain.Audit;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Components.Admin.Audit;

namespace Interview.Tests.Components.Admin;

/// <summary>The audit page reads as sentences with names, in the reader's language; the stored line opens on demand.</summary>
public class AuditSentencesTests : AdminTestContext
{
    private const string EditorId = "staff-wang";
    private const string EditorEmail = "wang.editor@example.gov.cn";
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("zh-CN", "wang.editor 不采用问题：网友 市民小王 的提问「老人什么时候接种流感疫苗最好？」（原因：与主题无关）",
        "wang.editor 访谈状态变更：访谈「秋冬季流感防控在线访谈」（预告 → 直播中）")]
    [InlineData("en", "wang.editor: Question rejected — 市民小王’s question “老人什么时候接种流感疫苗最好？” (reason: Off topic)",
        "wang.editor: Interview status changed — interview “秋冬季流感防控在线访谈” (Upcoming → Live)")]
    public async Task AModerationDecisionAndASessionMoveReadAsSentencesWithNames(string culture, string decision, string move)
    {
        var (interviewId, questionId) = await ArrangeAsync();
        await AddLinesAsync(
            AuditEntry.Record(Morning.AddMinutes(2), EditorEmail, "question.reject", $"question/{questionId}", "ok", "10.0.0.2", "OffTopic: 广告"),
            AuditEntry.Record(Morning.AddMinutes(1), EditorEmail, "interview.transition", $"interview/{interviewId}", "ok", "10.0.0.2", "scheduled -> live"));

        var rows = RenderIn(culture);

        Assert.Equal([decision, move], rows.Select(r => Sentence(r)));
        Assert.DoesNotContain(EditorEmail, Sentence(rows[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStoredLineIsThereInFullBehindADisclosureAndAStaffTargetReadsByName()
    {
        await ArrangeAsync();
        await AddLinesAsync(AuditEntry.Record(Morning, AdminEmail, "staff.disable", $"staff/{EditorId}", "ok", "10.0.0.1", EditorEmail));

        var row = Assert.Single(RenderIn("zh-CN"));

        Assert.Equal($"{AdminName} 停用账号：工作人员 wang.editor", Sentence(row));
        var raw = row.QuerySelector("details.audit-raw")!;
        // A native disclosure: its summary is focusable and opens it with Enter or Space, no script needed.
        Assert.Equal("查看原始记录", raw.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal($"staff/{EditorId}", raw.QuerySelector(".audit-raw-target")!.TextContent);
        Assert.Contains(AdminEmail, raw.TextContent, StringComparison.Ordinal);
        Assert.Contains("10.0.0.1", raw.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedActionSaysSoAndATargetWithoutARowReadsAsStored()
    {
        await AddLinesAsync(AuditEntry.Record(Morning, "system", "interview.transition", "interview/999", "访谈当前为已发布，不能变更", "", "published -> live"));

        var row = Assert.Single(RenderIn("zh-CN"));

        Assert.StartsWith("系统 访谈状态变更：interview/999", Sentence(row), StringComparison.Ordinal);
        Assert.Equal("未成功", row.QuerySelector(".audit-not-done")!.TextContent.Trim());
    }

    private async Task<(int InterviewId, int QuestionId)> ArrangeAsync()
    {
        await AddStaffAsync(EditorId, EditorEmail, StaffRole.Moderator);
        await using var db = Database.CreateDbContext();
        var column = Interview.Domain.Columns.Column.Create("卫健在线", "health", "说明", 1);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var session = Builders.SessionWithGuest(column.Id);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        var question = Builders.Question(session.Id);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return (session.Id, question.Id);
    }

    private async Task AddLinesAsync(params AuditEntry[] lines)
    {
        await using var db = Database.CreateDbContext();
        db.AuditLog.AddRange(lines);
        await db.SaveChangesAsync();
    }

    private IReadOnlyList<AngleSharp.Dom.IElement> RenderIn(string culture)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var cut = Render<AuditPage>();
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".audit-table tbody tr .audit-sentence")));
            return [.. cut.FindAll(".audit-table tbody tr")];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private static string Sentence(AngleSharp.Dom.IElement row) =>
        string.Join(" ", row.QuerySelector(".audit-sentence")!.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries))
            .Replace(" 未成功", "", StringComparison.Ordinal);
}
