using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Staff;
using Interview.Tests.Support;

namespace Interview.Tests.Live;

/// <summary>
/// The studio big screen and broadcast overlay (CONTRACT.md "Live day"): a read-only link only the session's host or an
/// admin makes, which a new link or a revocation ends; what it shows follows the session unless the host pins a question.
/// </summary>
public sealed class StudioScreenTests(LiveRoomTests.Site site) : IClassFixture<LiveRoomTests.Site>
{
    [Fact]
    public async Task OnlyTheSessionsHostOrAnAdminMakeTheLinkAndANewOneOrARevocationEndsTheOldOne()
    {
        var id = await site.NewLiveSessionAsync("大屏测试");
        var hostEmail = $"host-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var otherEmail = $"host-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.AssignAsync(id, await site.CreateStaffAsync(hostEmail, "host"), StaffRole.Host);
        await site.CreateStaffAsync(otherEmail, "host");
        using var host = site.Client(await site.TokenAsync(hostEmail));
        using var otherHost = site.Client(await site.TokenAsync(otherEmail));
        using var anonymous = site.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await otherHost.PostAsync($"/api/v1/interviews/{id}/screen-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/interviews/{id}/screen-link", null)).StatusCode);
        var first = await NewLinkAsync(host, id);
        var second = await NewLinkAsync(host, id);

        Assert.Matches("^/screen/[A-Za-z0-9_-]{32}$", first);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first + "/state")).StatusCode);
        var page = await anonymous.GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("noindex", page.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/screen/not-a-real-token-at-all-000000000")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"/api/v1/interviews/{id}/screen-link")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        var audit = await site.AuditAsync();
        Assert.Equal(2, audit.Count(a => a.Action == "screen.link" && a.Target == $"interview/{id}" && a.Actor == hostEmail));
        Assert.Single(audit, a => a.Action == "screen.revoke" && a.Target == $"interview/{id}");
    }

    [Fact]
    public async Task TheScreenFollowsTheQuestionPutToTheGuestsAndTheAnswerToIt()
    {
        var id = await site.NewLiveSessionAsync("大屏测试");
        using var admin = site.Client(await site.TokenAsync());
        using var viewer = site.CreateClient();
        var url = await NewLinkAsync(admin, id);
        var guestId = await site.GuestIdAsync(id);
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.8.1.1"));
        var qid = await site.ApprovedQuestionAsync(admin, citizen, id, "电动自行车充电桩什么时候装到小区？", "楼下邻居");

        var before = await StateAsync(viewer, url);
        await PublishAsync(admin, id, new { kind = "question", questionId = qid });
        var asked = await StateAsync(viewer, url);
        await PublishAsync(admin, id, new { kind = "guest", markdown = "今年年底前**全部**装好。", guestId, questionId = qid });
        var answered = await StateAsync(viewer, url);
        var page = await viewer.GetStringAsync(url + "?overlay=1");

        Assert.Equal(JsonValueKind.Null, before.GetProperty("question").ValueKind);
        Assert.Equal("楼下邻居", asked.GetProperty("question").GetProperty("nickname").GetString());
        Assert.Contains("充电桩", asked.GetProperty("question").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, asked.GetProperty("answer").ValueKind);
        Assert.Equal("李卫东", answered.GetProperty("answer").GetProperty("speaker").GetString());
        Assert.Equal("市疾控中心 主任", answered.GetProperty("answer").GetProperty("position").GetString());
        Assert.Equal("今年年底前全部装好。", answered.GetProperty("answer").GetProperty("text").GetString());
        Assert.Contains("screen-overlay", page, StringComparison.Ordinal);
        Assert.Contains("今年年底前全部装好。", page, StringComparison.Ordinal);
        Assert.Contains("楼下邻居", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostPinsAnApprovedQuestionScreensHearOfItAndUnpinningFollowsTheSessionAgain()
    {
        var id = await site.NewLiveSessionAsync("大屏测试");
        using var admin = site.Client(await site.TokenAsync());
        using var viewer = site.CreateClient();
        var url = await NewLinkAsync(admin, id);
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.8.2.1"));
        var put = await site.ApprovedQuestionAsync(admin, citizen, id, "公园晚上几点关门？", "晨练的人");
        var pinned = await site.ApprovedQuestionAsync(admin, citizen, id, "停车收费标准会调整吗？", "有车一族");
        var pending = await site.QuestionIdAsync(await citizen.AskAsync(id, "还在审核的问题", "等待中"));
        await PublishAsync(admin, id, new { kind = "question", questionId = put });
        await using var screen = await LiveClient.ConnectAsync(site);
        await screen.JoinAsync(id, int.MaxValue);

        var refused = await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/screen", new { questionId = pending });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/screen", new { questionId = pinned })).StatusCode);
        var whilePinned = await StateAsync(viewer, url);
        await LiveClient.EventuallyAsync(() => screen.Messages.Any(m => m.Contains($"\"interviewId\":{id}", StringComparison.Ordinal) && !m.Contains("seq", StringComparison.Ordinal)), "the screen message");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/screen", new { questionId = (int?)null })).StatusCode);
        var following = await StateAsync(viewer, url);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(pinned, whilePinned.GetProperty("question").GetProperty("id").GetInt32());
        Assert.True(whilePinned.GetProperty("question").GetProperty("pinned").GetBoolean());
        Assert.Equal(put, following.GetProperty("question").GetProperty("id").GetInt32());
        Assert.False(following.GetProperty("question").GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task TwoHostsMakingTheFirstLinkAtOnceBothSucceedAndTheLastOneStands()
    {
        var id = await site.NewLiveSessionAsync("大屏并发");
        using var admin = site.Client(await site.TokenAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsync($"/api/v1/interviews/{id}/screen-link", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        using var viewer = site.CreateClient();
        var working = 0;
        foreach (var response in responses)
        {
            var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
            working += (await viewer.GetAsync(url + "/state")).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        Assert.Equal(1, working);
    }

    private static async Task<string> NewLinkAsync(HttpClient staff, int id)
    {
        var response = await staff.PostAsync($"/api/v1/interviews/{id}/screen-link", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        Assert.Equal(url, response.Headers.Location!.ToString());
        return url;
    }

    private static async Task<JsonElement> StateAsync(HttpClient viewer, string url) =>
        JsonDocument.Parse(await viewer.GetStringAsync(url + "/state")).RootElement;

    private static async Task PublishAsync(HttpClient staff, int id, object entry) =>
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", entry)).StatusCode);
}
