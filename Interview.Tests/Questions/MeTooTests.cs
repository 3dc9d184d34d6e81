using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web.Public;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

/// <summary>同问 on SQLite.</summary>
public sealed class MeTooTests(QuestionIntakeTests.Site site) : MeTooSuite(site), IClassFixture<QuestionIntakeTests.Site>;

/// <summary>同问 on PostgreSQL: the same rules, and the unique index holding a repeat that races its twin.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MeTooOnPostgresTests(PostgresServer server, QuestionIntakeTests.Site site)
    : MeTooSuite(site.OnPostgres(server)), IClassFixture<QuestionIntakeTests.Site>;

/// <summary>
/// 同问 (CONTRACT.md "Live day"): the public adds its voice to approved questions, once per client; staff lists carry the
/// count; a merged duplicate adds its asker's voice to the question that absorbed it.
/// </summary>
public abstract class MeTooSuite(StaffSite site)
{
    [Fact]
    public async Task EachClientCountsOnceAndTheAskersOwnVoiceIsTheQuestion()
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.7.0.1"));
        using var first = site.CreateDefaultClient(new ClientAddress("10.7.0.2"));
        using var second = site.CreateDefaultClient(new ClientAddress("10.7.0.3"));
        using var admin = site.Client(await site.TokenAsync());
        var qid = await site.ApprovedQuestionAsync(admin, asker, live, "公交站能不能挪近一点？");

        Assert.Equal(1, await MeTooAsync(first, qid));
        Assert.Equal(1, await MeTooAsync(first, qid));
        Assert.Equal(1, await MeTooAsync(asker, qid));
        Assert.Equal(2, await MeTooAsync(second, qid));

        Assert.Equal(2, await StaffCountAsync(admin, live, qid));
        var publicList = await site.Services.GetRequiredService<PublicCatalog>().ApprovedQuestionsAsync(live);
        Assert.Equal(2, publicList.Single(q => q.Id == qid).MeToo);
    }

    [Fact]
    public async Task OnlyApprovedQuestionsOfSessionsNotCancelledTakeVoices()
    {
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.7.1.1"));
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.7.1.2"));
        using var admin = site.Client(await site.TokenAsync());
        var pending = await site.QuestionIdAsync(await asker.AskAsync(scheduled, "还没审核的问题"));
        var rejected = await site.QuestionIdAsync(await asker.AskAsync(scheduled, "不会采用的问题"));
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{rejected}/reject", new { reasonCategory = "offTopic" })).IsSuccessStatusCode);
        var approved = await site.ApprovedQuestionAsync(admin, asker, scheduled, "采用了的问题");

        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PostAsync($"/api/v1/questions/{pending}/me-too", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PostAsync($"/api/v1/questions/{rejected}/me-too", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PostAsync("/api/v1/questions/987654/me-too", null)).StatusCode);
        Assert.Equal(1, await MeTooAsync(citizen, approved));

        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{scheduled}/transitions", new { to = "cancelled" })).IsSuccessStatusCode);
        using var late = site.CreateDefaultClient(new ClientAddress("10.7.1.3"));
        var refused = await late.PostAsync($"/api/v1/questions/{approved}/me-too", null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(1, await StaffCountAsync(admin, scheduled, approved));
    }

    [Fact]
    public async Task AMergedDuplicateAddsItsAskerAndItsVoicesOnce()
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.7.2.1"));
        using var duplicateAsker = site.CreateDefaultClient(new ClientAddress("10.7.2.2"));
        using var alreadyJoined = site.CreateDefaultClient(new ClientAddress("10.7.2.3"));
        using var admin = site.Client(await site.TokenAsync());
        var survivor = await site.ApprovedQuestionAsync(admin, asker, live, "老旧小区加装电梯怎么申请？");
        Assert.Equal(1, await MeTooAsync(alreadyJoined, survivor));
        var duplicate = await site.QuestionIdAsync(await duplicateAsker.AskAsync(live, "加装电梯去哪里申请"));
        var ownDuplicate = await site.QuestionIdAsync(await asker.AskAsync(live, "电梯的事再问一遍"));

        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{duplicate}/merge", new { intoQuestionId = survivor })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{ownDuplicate}/merge", new { intoQuestionId = survivor })).IsSuccessStatusCode);

        // The duplicate's asker now counts; their own 同问 later is a repeat; the survivor's asker asking twice adds nothing.
        Assert.Equal(2, await StaffCountAsync(admin, live, survivor));
        Assert.Equal(2, await MeTooAsync(duplicateAsker, survivor));
        Assert.Equal(2, await MeTooAsync(alreadyJoined, survivor));
    }

    [Fact]
    public async Task VoicesArrivingAtOnceAreAllCountedAndARepeatRacingItselfCountsOnce()
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.7.3.1"));
        using var admin = site.Client(await site.TokenAsync());
        var qid = await site.ApprovedQuestionAsync(admin, asker, live, "高峰时段地铁能加车吗？");
        var clients = Enumerable.Range(10, 20).Select(i => site.CreateDefaultClient(new ClientAddress($"10.7.3.{i}"))).ToList();
        using var twin = site.CreateDefaultClient(new ClientAddress("10.7.3.200"));

        try
        {
            var counts = await Task.WhenAll(clients.Select(c => MeTooAsync(c, qid))
                .Concat(Enumerable.Range(0, 10).Select(_ => MeTooAsync(twin, qid))));

            Assert.All(counts, c => Assert.InRange(c, 1, 21));
            Assert.Equal(21, await StaffCountAsync(admin, live, qid));
            Assert.Equal(21, await MeTooAsync(twin, qid));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<int> MeTooAsync(HttpClient client, int qid)
    {
        var response = await client.PostAsync($"/api/v1/questions/{qid}/me-too", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
    }

    private static async Task<int> StaffCountAsync(HttpClient staff, int interviewId, int qid)
    {
        var items = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/interviews/{interviewId}/questions")).RootElement.GetProperty("items");
        return items.EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == qid).GetProperty("meToo").GetInt32();
    }
}
