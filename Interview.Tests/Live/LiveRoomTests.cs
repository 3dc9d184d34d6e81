using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Live;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Live;

/// <summary>The live room's tests, run on SQLite (<see cref="LiveRoomTests"/>) and on PostgreSQL (LiveRoomOnPostgresTests).</summary>
public abstract partial class LiveRoomSuite(LiveRoomTests.Site site)
{
    [Fact]
    public async Task ConcurrentPublishersKeepTheSequenceExact()
    {
        var id = await NewLiveSessionAsync();
        var publisher = site.Services.GetRequiredService<LivePublisher>();
        var admin = await AdminAsync();

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            Task.Run(() => publisher.PublishAsync(admin, id, new EntryRequest(EntryKind.Host, $"第{i}段主持词")))));

        using var client = site.CreateClient();
        var entries = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interviews/{id}/entries")).RootElement.GetProperty("items");
        Assert.Equal(Enumerable.Range(1, 40), entries.EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal(40, entries.EnumerateArray().Select(e => e.GetProperty("text").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task JoinReturnsExactlyTheMissedEntriesAndThenDeliversNewOnesOnce()
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());
        for (var i = 1; i <= 5; i++)
        {
            await PublishAsync(admin, id, $"开场第{i}段");
        }
        await using var viewer = await LiveClient.ConnectAsync(site);

        var missed = await viewer.JoinAsync(id, afterSeq: 2);
        await PublishAsync(admin, id, "新内容");

        Assert.Equal([3, 4, 5], missed.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal("主持人", missed[0].GetProperty("speaker").GetString());
        await LiveClient.EventuallyAsync(() => viewer.Entries.Any(e => e.GetProperty("seq").GetInt32() == 6), "the new entry");
        await Task.Delay(200);
        // The hub subscribes before it reads (LiveHub.Join), so an entry published just before Join may also arrive as a
        // message; the contract lets the client drop it by seq. Every entry after the ones Join returned comes once.
        var pushed = viewer.Entries.Select(e => e.GetProperty("seq").GetInt32()).ToList();
        Assert.All(pushed.Where(seq => seq <= 5), seq => Assert.Contains(seq, missed.Select(e => e.GetProperty("seq").GetInt32())));
        Assert.Equal([6], pushed.Where(seq => seq > 5));
        var delivered = viewer.Entries.Single(e => e.GetProperty("seq").GetInt32() == 6);
        Assert.Equal("<p>新内容</p>", delivered.GetProperty("html").GetString()!.Trim());
        Assert.Equal($"/interviews/{id}#e6", delivered.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ACorrectionIsDeliveredWithTheSameSeqAndKeptInHistory()
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());
        await PublishAsync(admin, id, "接种率为 30%");
        await using var viewer = await LiveClient.ConnectAsync(site);
        await viewer.JoinAsync(id, 1);

        var corrected = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/1/corrections", new { markdown = "接种率为 35%", note = "更正数据" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        // The first publication of seq 1 may also arrive (it was relayed around Join): the correction is the one with
        // correctedAt, and it is the last word on seq 1.
        await LiveClient.EventuallyAsync(() => viewer.Entries.Any(e => e.TryGetProperty("correctedAt", out _)), "the corrected entry");
        var entry = viewer.Entries.Last();
        Assert.All(viewer.Entries, e => Assert.Equal(1, e.GetProperty("seq").GetInt32()));
        Assert.Contains("35%", entry.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(entry.TryGetProperty("correctedAt", out _));
        using var client = site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{id}");
        Assert.Contains("已更正", page, StringComparison.Ordinal);
        Assert.Contains("接种率为 30%", page, StringComparison.Ordinal);
        Assert.Contains("更正数据", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndingTheSessionIsAnnouncedToViewers()
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());
        await using var viewer = await LiveClient.ConnectAsync(site);
        await viewer.JoinAsync(id, 0);

        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" });

        await LiveClient.EventuallyAsync(() => !viewer.Statuses.IsEmpty, "the status message");
        var status = Assert.Single(viewer.Statuses);
        Assert.Equal("ended", status.GetProperty("status").GetString());
        Assert.Equal(id, status.GetProperty("interviewId").GetInt32());
    }

    [Fact]
    public async Task TheTwoKeyFlowPublishesOnlyWhatTheReviewerApproved()
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());
        var typistEmail = $"typ-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var reviewerEmail = $"rev-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var typistId = await site.CreateStaffAsync(typistEmail, "typist");
        var reviewerId = await site.CreateStaffAsync(reviewerEmail, "reviewer");
        await AssignAsync(id, typistId, Interview.Domain.Staff.StaffRole.Typist);
        await AssignAsync(id, reviewerId, Interview.Domain.Staff.StaffRole.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/review", new { required = true })).StatusCode);
        using var typist = site.Client(await site.TokenAsync(typistEmail));
        using var reviewer = site.Client(await site.TokenAsync(reviewerEmail));
        var guestId = await GuestIdAsync(id);

        var submitted = await typist.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "guest", markdown = "草稿：数据待核实", guestId });
        var draft = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("pending", draft.GetProperty("status").GetString());
        Assert.Empty(await PublicEntriesAsync(id));

        var draftId = draft.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/drafts/{draftId}/send-back", new { comment = "请核实数据" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsync($"/api/v1/drafts/{draftId}/approve", null)).StatusCode);
        await site.Services.GetRequiredService<LivePublisher>().ReviseDraftAsync(
            new StaffActor(typistId, typistEmail, "127.0.0.1"), draftId, "核实后：接种率为 35%");
        var approved = await reviewer.PostAsync($"/api/v1/drafts/{draftId}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var entries = await PublicEntriesAsync(id);
        var entry = Assert.Single(entries);
        Assert.Equal("guest", entry.GetProperty("kind").GetString());
        Assert.Contains("35%", entry.GetProperty("text").GetString(), StringComparison.Ordinal);
        // No reviewing unit set: the public reads a plain "reviewed", never the reviewer's name.
        Assert.True(entry.GetProperty("reviewed").GetBoolean());
        Assert.False(entry.TryGetProperty("reviewedBy", out _));
        using var client = site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{id}");
        Assert.Contains(">已审核<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(reviewerEmail.Split('@')[0], page, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿：数据待核实", await client.GetStringAsync($"/interviews/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypistsPublishOnlyInSessionsAssignedToThem()
    {
        var id = await NewLiveSessionAsync();
        var email = $"typ-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "typist");
        using var typist = site.Client(await site.TokenAsync(email));

        var response = await typist.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "guest", markdown = "回答", guestId = await GuestIdAsync(id) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await PublicEntriesAsync(id));
    }

    [Fact]
    public async Task APendingQuestionCannotBePutToTheGuests()
    {
        using var admin = site.Client(await site.TokenAsync());
        var live = await site.DemoInterviewIdAsync("live");
        var pending = await PendingQuestionIdAsync(live);

        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{live}/entries", new { kind = "question", questionId = pending });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("审核通过", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"host","markdown":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"kind":"bogus","markdown":"x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"kind":"guest","markdown":"没有嘉宾"}""", HttpStatusCode.BadRequest)]
    public async Task BadEntriesAreRefusedWithAReason(string body, HttpStatusCode status)
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.PostAsync($"/api/v1/interviews/{id}/entries", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await PublicEntriesAsync(id));
    }

    [Fact]
    public async Task AnonymousViewersCanOnlyJoinAndLeave()
    {
        var hubMethods = typeof(LiveHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order().ToList();
        Assert.Equal(["Join", "JoinAfter", "Leave"], hubMethods);

        await using var viewer = await LiveClient.ConnectAsync(site);
        await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync("Publish", 1, "x"));
        await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync("OnDisconnectedAsync", (Exception?)null));
        await Assert.ThrowsAsync<HubException>(() => viewer.JoinAsync(987654, 0));
        await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync<System.Text.Json.JsonElement[]>("JoinAfter", 987654, 0));
    }

    [Fact]
    public async Task AViewerFromAForeignOriginIsRefusedAndAPortalOriginIsNot()
    {
        using var client = site.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }

    private Task<int> NewLiveSessionAsync() => site.NewLiveSessionAsync("直播测试");

    private static async Task PublishAsync(HttpClient admin, int id, string markdown) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown })).StatusCode);

    private async Task<List<JsonElement>> PublicEntriesAsync(int id)
    {
        using var client = site.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interviews/{id}/entries")).RootElement
            .GetProperty("items").EnumerateArray().ToList();
    }

    private Task<int> GuestIdAsync(int id) => site.GuestIdAsync(id);

    private async Task<int> PendingQuestionIdAsync(int interviewId)
    {
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return db.Questions.First(q => q.InterviewId == interviewId && q.Status == Interview.Domain.Questions.QuestionStatus.Pending).Id;
    }

    private Task AssignAsync(int id, string staffId, Interview.Domain.Staff.StaffRole role) => site.AssignAsync(id, staffId, role);

    private Task<StaffActor> AdminAsync() => site.AdminActorAsync();
}

public sealed class LiveRoomTests(LiveRoomTests.Site site) : LiveRoomSuite(site), IClassFixture<LiveRoomTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);
}

public sealed class LiveWireTests(LiveRoomTests.Site site) : IClassFixture<LiveRoomTests.Site>
{
    [Fact]
    public void AHundredCharacterEntryIsWellUnderOneKilobyteOnTheWire()
    {
        var text = string.Concat(Enumerable.Repeat("接种流感疫苗是预防流感最经济有效的手段。", 5));
        Assert.Equal(100, text.Length);
        var map = site.Services.GetRequiredService<Interview.Web.Api.PublicApiMapper>();
        var entry = new Interview.Web.Public.EntryView(3, 42, EntryKind.Guest, "嘉宾 李卫东", $"<p>{text}</p>", text,
            DateTimeOffset.UtcNow, null, null, []);
        var protocol = site.Services.GetServices<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>().Single(p => p.Name == "json");

        var bytes = protocol.GetMessageBytes(new Microsoft.AspNetCore.SignalR.Protocol.InvocationMessage("entry", [map.Entry(entry)]));
        var json = System.Text.Encoding.UTF8.GetString(bytes.Span);

        Assert.True(bytes.Length < 900, $"{bytes.Length} bytes: {json}");
        Assert.Contains(text, json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }
}
