using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Questions;

/// <summary>Blocks in every session (全站) as well as in one: a sender abusive everywhere is refused everywhere, by an admin's word.</summary>
public class GlobalBlockTests
{
    protected virtual StaffSite NewSite() => new();

    [Fact]
    public async Task AGlobalBlockRefusesTheSendersQuestionInAnotherSessionUntilItIsLifted()
    {
        using var site = NewSite();
        var live = await site.DemoInterviewIdAsync("live");
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var sender = site.CreateDefaultClient(new ClientAddress("10.72.0.1"));
        using var neighbour = site.CreateDefaultClient(new ClientAddress("10.72.0.2"));
        using var admin = site.Client(await site.TokenAsync());
        var qid = await site.QuestionIdAsync(await sender.AskAsync(live, "到处刷屏"));

        var blocked = await admin.PostAsJsonAsync($"/api/v1/questions/{qid}/block-sender", new { reason = "各场刷屏", global = true });
        var elsewhere = await sender.PostAsJsonAsync($"/api/v1/interviews/{scheduled}/questions", new { nickname = "网友", text = "另一场的提问" });
        var other = await neighbour.PostAsJsonAsync($"/api/v1/interviews/{scheduled}/questions", new { nickname = "邻居", text = "正常提问" });

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);

        var lifted = await admin.PostAsJsonAsync($"/api/v1/questions/{qid}/unblock-sender", new { global = true });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        await sender.AskAsync(scheduled, "解除后可以提问");
        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "question.block-sender-global" && a.Target == $"question/{qid}");
        Assert.Contains(audit, a => a.Action == "question.unblock-sender-global" && a.Target == $"question/{qid}");
    }

    [Fact]
    public async Task APerSessionBlockLeavesOtherSessionsOpenAndIsLiftedByAModerator()
    {
        using var site = NewSite();
        var live = await site.DemoInterviewIdAsync("live");
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var sender = site.CreateDefaultClient(new ClientAddress("10.72.0.3"));
        await site.CreateStaffAsync("unblocker@example.gov.cn", "moderator");
        using var moderator = site.Client(await site.TokenAsync("unblocker@example.gov.cn"));
        var qid = await site.QuestionIdAsync(await sender.AskAsync(live, "本场刷屏"));

        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/block-sender", new { reason = "刷屏" })).StatusCode);
        var here = await sender.PostAsJsonAsync($"/api/v1/interviews/{live}/questions", new { nickname = "网友", text = "本场再问" });
        await sender.AskAsync(scheduled, "另一场照常提问");
        Assert.Equal(HttpStatusCode.Forbidden, here.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/unblock-sender", new { })).StatusCode);
        await sender.AskAsync(live, "解除后本场可以提问");
        Assert.Contains(await site.AuditAsync(), a => a.Action == "question.unblock-sender" && a.Target == $"question/{qid}");
    }

    [Fact]
    public async Task OnlyAnAdminBlocksEverywhere()
    {
        using var site = NewSite();
        var live = await site.DemoInterviewIdAsync("live");
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var sender = site.CreateDefaultClient(new ClientAddress("10.72.0.4"));
        await site.CreateStaffAsync("not-global@example.gov.cn", "moderator");
        using var moderator = site.Client(await site.TokenAsync("not-global@example.gov.cn"));
        var qid = await site.QuestionIdAsync(await sender.AskAsync(live, "刷屏"));

        var refused = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/block-sender", new { global = true });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await sender.AskAsync(scheduled, "没有被全站屏蔽");
    }
}
