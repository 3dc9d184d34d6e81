using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

public sealed class ModerationTests(QuestionIntakeTests.Site site) : ModerationSuite(site), IClassFixture<QuestionIntakeTests.Site>;

/// <summary>Moderation, run on SQLite (<see cref="ModerationTests"/>) and on PostgreSQL (ModerationOnPostgresTests).</summary>
public abstract class ModerationSuite(QuestionIntakeTests.Site site)
{
    [Fact]
    public async Task AnApprovedQuestionReachesThePublicListTheHubAndTheReceipt()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var (moderator, _) = await ModeratorAsync();
        var receipt = await AskAsync(id, "原文 有错字");
        var qid = await QuestionIdAsync(id, receipt);
        await using var viewer = await LiveClient.ConnectAsync(site);
        var questions = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        viewer.Connection.On<JsonElement>("question", q => questions.Enqueue(q));
        await viewer.JoinAsync(id, 1000);

        var approved = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { text = "编辑后的提问" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await LiveClient.EventuallyAsync(() => !questions.IsEmpty, "the question message");
        var message = Assert.Single(questions);
        Assert.Equal("编辑后的提问", message.GetProperty("text").GetString());
        using var client = site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{id}");
        Assert.Contains("编辑后的提问", page, StringComparison.Ordinal);
        Assert.DoesNotContain("原文 有错字", page, StringComparison.Ordinal);
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement;
        Assert.Equal("approved", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARejectionShowsTheReasonCategoryOnTheReceiptAndNothingPublic()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var (moderator, actor) = await ModeratorAsync();
        var receipt = await AskAsync(id, "与主题无关的广告内容");
        var qid = await QuestionIdAsync(id, receipt);

        var rejected = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/reject", new { reasonCategory = "offTopic", note = "广告" });
        var again = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var conflict = await again.Content.ReadAsStringAsync();
        Assert.Contains("处理为「未采用（与主题无关）」", conflict, StringComparison.Ordinal);
        // The moderator who decided first, by display name (the account's e-mail stays out of the message).
        Assert.Contains(actor.Email.Split('@')[0], conflict, StringComparison.Ordinal);
        Assert.DoesNotContain(actor.Email, conflict, StringComparison.Ordinal);
        using var client = site.CreateClient();
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement;
        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("offTopic", status.GetProperty("reasonCategory").GetString());
        Assert.DoesNotContain("与主题无关的广告内容", await client.GetStringAsync($"/interviews/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoModeratorsRacingOn200QuestionsLeaveExactlyOneDecisionEach()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var moderation = site.Services.GetRequiredService<Moderation>();
        var (_, first) = await ModeratorAsync();
        var (_, second) = await ModeratorAsync(another: true);
        var ids = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await QuestionIdAsync(id, await AskAsync(id, $"竞争第{i}题")));
        }

        var outcomes = await Task.WhenAll(ids.SelectMany(q => new[]
        {
            Outcome(() => moderation.ApproveAsync(first, q, null)),
            Outcome(() => moderation.RejectAsync(second, q, RejectReason.Other, "重复")),
        }));

        Assert.Equal(200, outcomes.Count(o => o));
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var decided = db.Questions.Where(q => ids.Contains(q.Id)).ToList();
        Assert.All(decided, q => Assert.True(q.Status is QuestionStatus.Approved or QuestionStatus.Rejected));
        var audited = db.AuditLog.Where(a => a.Outcome == "ok" && (a.Action == "question.approve" || a.Action == "question.reject")).ToList()
            .Where(a => ids.Select(i => $"question/{i}").Contains(a.Target)).ToList();
        Assert.Equal(200, audited.Count);
        Assert.Equal(200, audited.Select(a => a.Target).Distinct().Count());
    }

    [Fact]
    public async Task OnlyModeratorsDecide()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var qid = await QuestionIdAsync(id, await AskAsync(id, "主持人不能审核"));
        var email = $"host-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "host");
        using var host = site.Client(await site.TokenAsync(email));
        using var anonymous = site.Client(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { })).StatusCode);
        // A host reads the queue only of the sessions assigned to them (see HostAccessTests).
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync($"/api/v1/interviews/{id}/questions?status=pending")).StatusCode);
    }

    private static async Task<bool> Outcome(Func<Task> decide)
    {
        try
        {
            await decide();
            return true;
        }
        catch (Interview.Web.Admin.ConflictException)
        {
            return false;
        }
    }

    private async Task<string> AskAsync(int id, string text)
    {
        using var client = site.CreateClient();
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "网友", text });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    private async Task<int> QuestionIdAsync(int id, string receipt)
    {
        var (moderator, _) = await ModeratorAsync();
        var items = JsonDocument.Parse(await moderator.GetStringAsync($"/api/v1/interviews/{id}/questions?status=pending")).RootElement.GetProperty("items");
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var qid = db.Questions.Single(q => q.Receipt == receipt).Id;
        Assert.Contains(items.EnumerateArray(), i => i.GetProperty("id").GetInt32() == qid);
        return qid;
    }

    private (HttpClient Client, StaffActor Actor)? _moderator;

    private async Task<(HttpClient Client, StaffActor Actor)> ModeratorAsync(bool another = false)
    {
        if (_moderator is { } known && !another)
        {
            return known;
        }
        var email = $"mod-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var staffId = await site.CreateStaffAsync(email, "moderator");
        var moderator = (site.Client(await site.TokenAsync(email)), new StaffActor(staffId, email, "127.0.0.1"));
        if (!another)
        {
            _moderator = moderator;
        }
        return moderator;
    }
}
