using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Browser;

/// <summary>The staff site of the walk, and its demo live session given work once for the class.</summary>
public sealed class AccessibilityWalkFixture : ConsoleBrowserFixture
{
    private readonly Lazy<Task<int>> _liveWithWork;

    public AccessibilityWalkFixture() => _liveWithWork = new(GiveTheLiveSessionWorkAsync);

    /// <summary>The demo's live session, with the work below added the first time it is asked for.</summary>
    public Task<int> LiveSessionWithWorkAsync() => _liveWithWork.Value;

    /// <summary>
    /// The demo's live session with work on every console: two-key review on, a draft waiting and one sent back,
    /// questions pending, approved (not yet put) and rejected, a word list and a second staff member.
    /// </summary>
    private async Task<int> GiveTheLiveSessionWorkAsync()
    {
        var live = await Staff.DemoInterviewIdAsync("live");
        using var admin = Staff.Client(await Staff.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{live}/review", new { required = true })).StatusCode);
        var guestId = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{live}")).RootElement
            .GetProperty("guests")[0].GetProperty("id").GetInt32();
        var waiting = await DraftAsync(admin, live, guestId, "周末和晚上，社区卫生服务中心都安排了家庭医生值班。");
        var sentBack = await DraftAsync(admin, live, guestId, "线上咨询可以通过“健康城南”小程序进行。");
        Assert.NotEqual(waiting, sentBack);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/drafts/{sentBack}/send-back", new { comment = "请补充小程序的开通时间" })).StatusCode);

        await AskAsync(Staff, live, "签约以后可以换家庭医生吗？");
        await AskAsync(Staff, live, "我想问一下我邻居家的事情。");
        var pending = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{live}/questions?status=pending"))
            .RootElement.GetProperty("items").EnumerateArray().Select(q => (Id: q.GetProperty("id").GetInt32(), Text: q.GetProperty("text").GetString()!)).ToList();
        var approve = pending.Single(q => q.Text.Contains("换家庭医生", StringComparison.Ordinal)).Id;
        var reject = pending.Single(q => q.Text.Contains("邻居", StringComparison.Ordinal)).Id;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/questions/{approve}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PostAsJsonAsync($"/api/v1/questions/{reject}/reject", new { reasonCategory = "offTopic", note = "与本期主题无关" })).StatusCode);

        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/wordlists", new { name = "无障碍走查词表", words = new[] { "走查词" } })).StatusCode);
        await Staff.CreateStaffAsync("a11y-moderator@example.gov.cn", "moderator");
        return live;
    }

    private static async Task<int> DraftAsync(HttpClient admin, int live, int guestId, string markdown)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{live}/entries", new { kind = "guest", markdown, guestId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var draft = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("pending", draft.GetProperty("status").GetString());
        return draft.GetProperty("id").GetInt32();
    }

    public static async Task<string> AskAsync(StaffSite site, int interviewId, string text)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var client = site.CreateClient();
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname = "走查网友", text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }
}
