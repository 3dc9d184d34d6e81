using System.Net;
using System.Text.Json;
using Interview.Domain.Questions;

namespace Interview.Tests.FollowUps;

public sealed class FollowUpFlowTests(FollowUpSite site) : FollowUpFlowSuite(site), IClassFixture<FollowUpSite>;

/// <summary>Follow-ups, run on SQLite (<see cref="FollowUpFlowTests"/>) and on PostgreSQL (FollowUpFlowOnPostgresTests).</summary>
public abstract class FollowUpFlowSuite(FollowUpSite site)
{
    /// <summary>Wednesday before National Day 2026: five working days later is Tuesday 13 October (the 10th is a 调休 Saturday).</summary>
    private static readonly DateTimeOffset EndOfSession = new(2026, 9, 30, 10, 0, 0, FollowUpSite.Beijing);
    private static readonly DateTimeOffset Due = new(2026, 10, 13, 23, 59, 59, FollowUpSite.Beijing);

    [Fact]
    public async Task EndingASessionMakesItsApprovedUnansweredQuestionsFollowUpsDueFiveWorkingDaysLater()
    {
        site.Clock.Now = EndOfSession;
        var id = await site.LiveSessionAsync();
        var open = await site.QuestionAsync(id, "社区医院能开长处方吗？", FollowUpSite.Approve);
        var alsoOpen = await site.QuestionAsync(id, "医保报销比例是多少？", FollowUpSite.Approve);
        var answered = await site.QuestionAsync(id, "疫苗在哪里打？", q =>
        {
            FollowUpSite.Approve(q);
            q.MarkAnswered(later: false, EndOfSession);
        });
        var pending = await site.QuestionAsync(id, "还没审核的问题");
        var rejected = await site.QuestionAsync(id, "广告", q => q.Reject("moderator@example.gov.cn", RejectReason.OffTopic, null, EndOfSession));
        var merged = await site.QuestionAsync(id, "社区医院能不能开长处方？", q => q.MergeInto(open, "moderator@example.gov.cn", EndOfSession));

        await site.EndAsync(id);

        Assert.Equal(Due, (await site.StoredAsync(open.Id)).FollowUpDueAt);
        Assert.Equal(Due, (await site.StoredAsync(alsoOpen.Id)).FollowUpDueAt);
        foreach (var untouched in new[] { answered, pending, rejected, merged })
        {
            var stored = await site.StoredAsync(untouched.Id);
            Assert.Null(stored.FollowUpDueAt);
            Assert.Equal(untouched.Status, stored.Status);
        }
        var transition = (await site.AuditAsync()).Last(a => a.Action == "interview.transition" && a.Target == $"interview/{id}");
        Assert.Equal("live -> ended; 2 follow-ups", transition.Details);
    }

    [Fact]
    public async Task AQuestionApprovedAfterTheCloseIsAFollowUpFromTheStart()
    {
        site.Clock.Now = EndOfSession;
        var id = await site.LiveSessionAsync();
        var late = await site.QuestionAsync(id, "散会后才审核的问题");
        await site.EndAsync(id);
        using var admin = site.Client(await site.TokenAsync());

        var approved = await admin.PostAsync($"/api/v1/questions/{late.Id}/approve", System.Net.Http.Json.JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var stored = await site.StoredAsync(late.Id);
        Assert.Equal(QuestionStatus.Approved, stored.Status);
        Assert.Equal(Due, stored.FollowUpDueAt);
    }

    [Fact]
    public async Task TheReceiptShowsTheDueDateUntilTheFollowUpAnswerIsPublishedAndThenLinksToIt()
    {
        site.Clock.Now = EndOfSession;
        var id = await site.LiveSessionAsync();
        var question = await site.QuestionAsync(id, "社区医院能开长处方吗？", FollowUpSite.Approve);
        await site.EndAsync(id);
        using var citizen = site.CreateClient();

        var waiting = await ReceiptAsync(citizen, question.Receipt);
        var waitingPage = await citizen.GetStringAsync($"/receipts/{question.Receipt}");

        Assert.Equal("approved", waiting.GetProperty("status").GetString());
        Assert.Equal("2026-10-13T23:59:59+08:00", waiting.GetProperty("followUpDueAt").GetString());
        Assert.Contains("待会后答复，将于 2026-10-13 前答复", waitingPage, StringComparison.Ordinal);

        site.Clock.Now = EndOfSession.AddDays(8);
        var seq = await site.AnswerLaterAsync(id, question.Id);

        var stored = await site.StoredAsync(question.Id);
        Assert.Equal(QuestionStatus.Answered, stored.Status);
        Assert.True(stored.AnsweredLater);
        var answered = await ReceiptAsync(citizen, question.Receipt);
        var answeredPage = await citizen.GetStringAsync($"/receipts/{question.Receipt}");
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal($"/interviews/{id}#e{seq}", answered.GetProperty("answerUrl").GetString());
        Assert.Contains("会后答复", answeredPage, StringComparison.Ordinal);
        Assert.DoesNotContain("待会后答复", answeredPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/interviews/{id}#e{seq}\"", answeredPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionThatIsNotAFollowUpHasNoDueDateOnItsReceipt()
    {
        site.Clock.Now = EndOfSession;
        var id = await site.LiveSessionAsync();
        var question = await site.QuestionAsync(id, "直播中采用的问题", FollowUpSite.Approve);
        using var citizen = site.CreateClient();

        var receipt = await ReceiptAsync(citizen, question.Receipt);

        Assert.Equal(JsonValueKind.Null, receipt.GetProperty("followUpDueAt").ValueKind);
        Assert.DoesNotContain("会后答复", await citizen.GetStringAsync($"/receipts/{question.Receipt}"), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReceiptAsync(HttpClient client, string receipt)
    {
        var response = await client.GetAsync($"/api/v1/receipts/{receipt}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
