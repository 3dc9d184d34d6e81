using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Questions;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

/// <summary>Limits, blocks and phone numbers: what keeps one sender from swamping a session, and personal data from staff eyes.</summary>
public sealed class SenderControlTests
{
    [Fact]
    public async Task TheLimitHoldsForQuestionsThatDoNotComeThroughHttp()
    {
        using var site = new StaffSite();
        site.With("Interview:Limits:QuestionsPerClientPerMinute", "3");
        var id = await site.DemoInterviewIdAsync("live");
        var intake = site.Services.GetRequiredService<QuestionIntake>();
        var keys = site.Services.GetRequiredService<ClientKeys>();

        // As an interactive circuit would call it: straight into the service, no HTTP middleware on the way.
        for (var i = 0; i < 3; i++)
        {
            await intake.SubmitAsync(id, "网友", $"第{i}条", null, null, keys.For("10.1.1.1"));
        }
        await Assert.ThrowsAsync<TooManyQuestionsException>(() => intake.SubmitAsync(id, "网友", "第4条", null, null, keys.For("10.1.1.1")));
        Assert.Matches("^[A-Z2-9]{12}$", await intake.SubmitAsync(id, "邻居", "另一位网友", null, null, keys.For("10.1.1.2")));
    }

    [Fact]
    public void ClientKeysAreStableAndRevealNoAddress()
    {
        using var site = new StaffSite();
        var keys = site.Services.GetRequiredService<ClientKeys>();

        Assert.Equal(keys.For("10.9.8.7"), keys.For("10.9.8.7"));
        Assert.NotEqual(keys.For("10.9.8.7"), keys.For("10.9.8.6"));
        Assert.DoesNotContain("10.9.8.7", keys.For("10.9.8.7"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockedSenderIsRefusedInThatSessionWhileOthersStillAsk()
    {
        using var site = new StaffSite();
        var live = await site.DemoInterviewIdAsync("live");
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var sender = site.CreateDefaultClient(new ClientAddress("10.2.0.1"));
        using var neighbour = site.CreateDefaultClient(new ClientAddress("10.2.0.2"));
        var receipt = await AskAsync(sender, live, "刷屏内容");
        await site.CreateStaffAsync("blocker@example.gov.cn", "moderator");
        using var moderator = site.Client(await site.TokenAsync("blocker@example.gov.cn"));
        var qid = await QuestionIdAsync(site, receipt);

        var blocked = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/block-sender", new { reason = "刷屏" });
        var again = await sender.PostAsJsonAsync($"/api/v1/interviews/{live}/questions", new { nickname = "网友", text = "再来一条" });
        var other = await neighbour.PostAsJsonAsync($"/api/v1/interviews/{live}/questions", new { nickname = "邻居", text = "正常提问" });
        var elsewhere = await sender.PostAsJsonAsync($"/api/v1/interviews/{scheduled}/questions", new { nickname = "网友", text = "另一场的提问" });

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("暂停接受您的提问", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
        var queue = JsonDocument.Parse(await moderator.GetStringAsync($"/api/v1/interviews/{live}/questions?status=pending")).RootElement.GetProperty("items");
        Assert.True(queue.EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == qid).GetProperty("clientBlocked").GetBoolean());
        Assert.Single(await site.AuditAsync(), a => a.Action == "question.block-sender" && a.Target == $"question/{qid}");
    }

    [Fact]
    public async Task StaffSeePhonesMaskedAndOnlyAdminsAndHostsMayRevealThemWithEveryViewAudited()
    {
        using var site = new StaffSite();
        var id = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateClient();
        var receipt = await AskAsync(citizen, id, "请回电话", phone: "138-1234-5678");
        await site.CreateStaffAsync("mask-mod@example.gov.cn", "moderator");
        using var moderator = site.Client(await site.TokenAsync("mask-mod@example.gov.cn"));
        using var admin = site.Client(await site.TokenAsync());
        var qid = await QuestionIdAsync(site, receipt);

        var queue = await moderator.GetStringAsync($"/api/v1/interviews/{id}/questions?status=pending");
        var refused = await moderator.GetAsync($"/api/v1/questions/{qid}/phone");
        var revealed = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/questions/{qid}/phone")).RootElement;

        Assert.Contains("\"phone\":\"138****5678\"", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("13812345678", revealed.GetProperty("phone").GetString());
        var views = (await site.AuditAsync()).Where(a => a.Action == "question.phone.view" && a.Target == $"question/{qid}").ToList();
        Assert.Equal(StaffSite.AdminEmail, Assert.Single(views).Actor);
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("01012345678", "010****5678")]
    [InlineData("1234567", "*****67")]
    [InlineData(null, null)]
    public void PhonesAreMaskedToTheirFirstThreeAndLastFourDigits(string? phone, string? masked) =>
        Assert.Equal(masked, Moderation.MaskPhone(phone));

    private static async Task<string> AskAsync(HttpClient client, int id, string text, string? phone = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "网友", text, phone });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    private static async Task<int> QuestionIdAsync(StaffSite site, string receipt)
    {
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return db.Questions.Single(q => q.Receipt == receipt).Id;
    }
}
