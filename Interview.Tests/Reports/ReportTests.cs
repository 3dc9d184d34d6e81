using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Domain.Reports;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Interview.Web.Components.Admin;
using Interview.Web.Reports;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Reports;

/// <summary>
/// 投诉举报: a citizen reports an entry or an approved question from the session page (no script) or the API, reads the
/// outcome by the receipt; admins alone decide, once, with a reply.
/// </summary>
public partial class ReportTests(ReportTests.Site site) : IClassFixture<ReportTests.Site>
{
    /// <summary>A limit of three a minute, so that one test can pass it; each test reports from an address of its own.</summary>
    public sealed class Site : StaffSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "3");
    }

    [Fact]
    public async Task AReportFromTheFormWithoutScriptGetsAReceiptPageWithPersonalDataMasked()
    {
        var published = await site.DemoInterviewIdAsync("published");
        using var citizen = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await citizen.GetStringAsync($"/interviews/{published}");
        Assert.Contains($"href=\"/interviews/{published}/report?seq=1\"", page, StringComparison.Ordinal);
        var form = await citizen.GetStringAsync($"/interviews/{published}/report?seq=1");

        var posted = await citizen.PostAsync($"/interviews/{published}/report?seq=1", new FormUrlEncodedContent(
            new Dictionary<string, string>(Hidden(form)) { ["reason"] = "Privacy", ["details"] = "这里写了我的电话13812345678" }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.PathAndQuery;
        Assert.Matches("^/reports/[A-Z2-9]{12}\\?new=true$", location);
        var receipt = await citizen.GetStringAsync(location);
        Assert.Contains("侵犯隐私", receipt, StringComparison.Ordinal);
        Assert.Contains("待处理", receipt, StringComparison.Ordinal);
        Assert.Contains("138****5678", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutAReasonComesBackWithTheDetailsKept()
    {
        var published = await site.DemoInterviewIdAsync("published");
        using var citizen = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await citizen.GetStringAsync($"/interviews/{published}/report?seq=1");

        var posted = await citizen.PostAsync($"/interviews/{published}/report?seq=1", new FormUrlEncodedContent(
            new Dictionary<string, string>(Hidden(form)) { ["details"] = "数字不对" }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("请选择举报类型", html, StringComparison.Ordinal);
        Assert.Contains(">数字不对</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiTakesAReportOnAnApprovedQuestionWith201AndRefusesWhatIsNotPublic()
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.71.0.1"));
        using var moderator = site.Client(await site.TokenAsync());
        var approved = await site.ApprovedQuestionAsync(moderator, citizen, live, "公交线路什么时候调整？");
        var pending = await site.QuestionIdAsync(await citizen.AskAsync(live, "还没审核的问题"));

        var created = await citizen.PostAsJsonAsync($"/api/v1/interviews/{live}/reports", new { questionId = approved, reason = "spam" });
        var notPublic = await citizen.PostAsJsonAsync($"/api/v1/interviews/{live}/reports", new { questionId = pending, reason = "spam" });
        var noReason = await citizen.PostAsJsonAsync($"/api/v1/interviews/{live}/reports", new { questionId = approved, reason = "angry" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
        Assert.Equal($"/reports/{receipt}", created.Headers.Location!.OriginalString);
        Assert.Contains("广告骚扰", await citizen.GetStringAsync($"/reports/{receipt}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notPublic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    [Fact]
    public async Task ReportsAreLimitedPerClientWithoutSpendingTheirQuestions()
    {
        var published = await site.DemoInterviewIdAsync("published");
        var live = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.71.0.2"));
        using var neighbour = site.CreateDefaultClient(new ClientAddress("10.71.0.3"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await citizen.PostAsJsonAsync($"/api/v1/interviews/{published}/reports", new { seq = 1, reason = "other" })).StatusCode);
        }
        var other = await neighbour.PostAsJsonAsync($"/api/v1/interviews/{published}/reports", new { seq = 1, reason = "other" });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        await citizen.AskAsync(live, "举报满了也还能提问");
    }

    [Fact]
    public async Task AnAdminsDecisionAndReplyShowOnTheReceiptAndAreAudited()
    {
        var published = await site.DemoInterviewIdAsync("published");
        var desk = site.Services.GetRequiredService<ReportDesk>();
        var admin = await site.AdminActorAsync();
        var dismissed = await ReportAsync(published, "10.71.0.4");
        var handled = await ReportAsync(published, "10.71.0.4");
        var dismissedId = await IdAsync(dismissed);
        var first = (await desk.ListAsync(admin)).Single(i => i.Id == dismissedId);
        Assert.Equal(ReportStatus.Open, first.Status);
        Assert.Equal("/admin/sessions/" + published + "/host", first.ToolUrl);

        await desk.DismissAsync(admin, first.Id, "经核实，实录内容与现场一致。");
        var handledId = await IdAsync(handled);
        await desk.HandleAsync(admin, handledId, "已勘误第 1 条。");

        using var citizen = site.CreateClient();
        var dismissedPage = await citizen.GetStringAsync($"/reports/{dismissed}");
        Assert.Contains("已驳回", dismissedPage, StringComparison.Ordinal);
        Assert.Contains("经核实，实录内容与现场一致。", dismissedPage, StringComparison.Ordinal);
        var handledPage = await citizen.GetStringAsync($"/reports/{handled}");
        Assert.Contains("已处理", handledPage, StringComparison.Ordinal);
        Assert.Contains("已勘误第 1 条。", handledPage, StringComparison.Ordinal);
        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "report.dismiss" && a.Target == $"report/{first.Id}");
        Assert.Contains(audit, a => a.Action == "report.handle" && a.Target == $"report/{handledId}");
        // Open ones come first.
        var after = await desk.ListAsync(admin);
        Assert.True(after.SkipWhile(i => i.Status == ReportStatus.Open).All(i => i.Status != ReportStatus.Open));
    }

    [Fact]
    public async Task OfTwoAdminsDecidingOneReportTheSecondIsToldWhoDecidedFirst()
    {
        var published = await site.DemoInterviewIdAsync("published");
        var desk = site.Services.GetRequiredService<ReportDesk>();
        var first = await site.AdminActorAsync();
        var secondId = await site.CreateStaffAsync("second-admin@example.gov.cn", "admin");
        var second = new StaffActor(secondId, "second-admin@example.gov.cn", "127.0.0.1");
        var id = await IdAsync(await ReportAsync(published, "10.71.0.5"));

        await desk.HandleAsync(first, id, "已处理。");
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => desk.DismissAsync(second, id, "不予处理。"));

        Assert.Contains("已处理", Interview.Web.Text.ErrorText.Of(conflict), StringComparison.Ordinal);
        var item = (await desk.ListAsync(first)).Single(i => i.Id == id);
        Assert.Equal((ReportStatus.Handled, "已处理。"), (item.Status, item.Reply));
        Assert.Contains(await site.AuditAsync(), a => a.Action == "report.dismiss" && a.Target == $"report/{id}" && a.Outcome.StartsWith("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyAdminsSeeOrDecideReports()
    {
        var desk = site.Services.GetRequiredService<ReportDesk>();
        var moderatorId = await site.CreateStaffAsync("report-mod@example.gov.cn", "moderator");
        var moderator = new StaffActor(moderatorId, "report-mod@example.gov.cn", "127.0.0.1");

        await Assert.ThrowsAsync<StaffForbiddenException>(() => desk.ListAsync(moderator));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => desk.DismissAsync(moderator, 1, "不予处理。"));
        Assert.DoesNotContain(ConsolePages.For([StaffRole.Moderator, StaffRole.Host]), p => p.Href == "/admin/reports");
        Assert.Contains(ConsolePages.For([StaffRole.Admin]), p => p.Href == "/admin/reports");
    }

    private async Task<string> ReportAsync(int interviewId, string address)
    {
        using var citizen = site.CreateDefaultClient(new ClientAddress(address));
        var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/reports", new { seq = 1, reason = "untrue", details = "时间写错了" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    private async Task<int> IdAsync(string receipt)
    {
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return db.Reports.Single(r => r.Receipt == receipt).Id;
    }

    private static Dictionary<string, string> Hidden(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}

/// <summary>Reports on PostgreSQL: the same receipts, limits and compare-and-set decisions.</summary>
[Collection(Support.Servers.PostgresCollection.Name)]
public sealed class ReportsOnPostgresTests(Support.Servers.PostgresServer server, ReportTests.Site site) : ReportTests(site.OnPostgres(server));
