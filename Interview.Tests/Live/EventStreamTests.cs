using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Live;

/// <summary>
/// The public event stream (CONTRACT.md "Public event stream") over real HTTP on Kestrel: events arrive while the
/// response is open, a resume by cursor sends exactly what was published and corrected meanwhile, entries are lean.
/// </summary>
public sealed class EventStreamTests(EventStreamTests.Site site) : IClassFixture<EventStreamTests.Site>
{
    public sealed class Site : StaffSite
    {
        public Site()
        {
            With("Interview:Limits:StreamKeepAliveSeconds", "1");
            Address = StartKestrel();
        }

        public Uri Address { get; }
    }

    [Fact]
    public async Task AnEntryArrivesWhileTheResponseIsOpenUncompressedAndUnbuffered()
    {
        var id = await site.NewLiveSessionAsync("流测试");
        await using var viewer = await StreamClient.OpenAsync(site.Address, id);
        await viewer.EventuallyAsync(v => v.Named("status").Any(), "the current status");

        using var admin = await AdminAsync();
        await PublishAsync(admin, id, "开场白");

        await viewer.EventuallyAsync(v => v.Seqs.Contains(1), "the new entry");
        Assert.False(viewer.Ended);
        var headers = viewer.Response!;
        Assert.Equal("text/event-stream", headers.Content.Headers.ContentType?.MediaType);
        Assert.Empty(headers.Content.Headers.ContentEncoding);
        Assert.Equal("no-cache", headers.Headers.CacheControl?.ToString());
        Assert.Equal("no", headers.Headers.GetValues("X-Accel-Buffering").Single());
        // The stream's own branch of the pipeline keeps the headers every response carries.
        Assert.Equal("nosniff", headers.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("live", viewer.Named("status").First().Json.GetProperty("status").GetString());
        Assert.All(viewer.Events, e => Assert.NotNull(e.Id));
    }

    [Fact]
    public async Task ResumingWithLastEventIdSendsExactlyTheEntriesPublishedAndCorrectedMeanwhileInOrder()
    {
        var id = await site.NewLiveSessionAsync("续传");
        using var admin = await AdminAsync();
        string? cursor;
        await using (var first = await StreamClient.OpenAsync(site.Address, id))
        {
            for (var i = 1; i <= 3; i++)
            {
                await PublishAsync(admin, id, $"第{i}段");
            }
            await first.EventuallyAsync(v => v.Seqs.Count == 3, "three entries");
            cursor = first.LastId;
        }

        // While away: two new entries, and a correction of one seen before.
        await PublishAsync(admin, id, "第4段");
        await CorrectAsync(admin, id, 2, "第2段（更正）");
        await PublishAsync(admin, id, "第5段");
        await using var resumed = await StreamClient.OpenAsync(site.Address, id, lastEventId: cursor);
        await resumed.EventuallyAsync(v => v.Seqs.Count >= 3 && v.Named("status").Any(), "the missed entries");
        await PublishAsync(admin, id, "第6段");
        await resumed.EventuallyAsync(v => v.Seqs.Contains(6), "the next entry");

        Assert.Equal([4, 2, 5, 6], resumed.Seqs);
        var corrected = resumed.Named("entry").Single(e => e.Json.GetProperty("seq").GetInt32() == 2).Json;
        Assert.Contains("第2段（更正）", corrected.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, corrected.GetProperty("correctedAt").ValueKind);
        var ids = resumed.Named("entry").Select(e => int.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.True(ids[0] > int.Parse(cursor!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AfterAndAfterSeqStartWhereTheClientIs()
    {
        var id = await site.NewLiveSessionAsync("起点");
        using var admin = await AdminAsync();
        for (var i = 1; i <= 4; i++)
        {
            await PublishAsync(admin, id, $"第{i}段");
        }
        await CorrectAsync(admin, id, 1, "第1段（更正）");

        await using var bySeq = await StreamClient.OpenAsync(site.Address, id, "?afterSeq=2");
        await bySeq.EventuallyAsync(v => v.Named("status").Any(), "the catch-up");
        // Entries 3 and 4, and the later correction of entry 1 (the page that knew seq 2 holds its old wording).
        Assert.Equal([3, 4, 1], bySeq.Seqs);

        await using var byCursor = await StreamClient.OpenAsync(site.Address, id, $"?after={bySeq.Named("entry").First().Id}");
        await byCursor.EventuallyAsync(v => v.Named("status").Any(), "the catch-up");
        Assert.Equal([4, 1], byCursor.Seqs);

        await using var bad = await StreamClient.OpenAsync(site.Address, id, "?after=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task AnAudienceThatKnowsItsSessionNeverHidesAnEntryFromAViewerThatJoinsLater()
    {
        var id = await site.NewLiveSessionAsync("人群");
        using var admin = await AdminAsync();
        // The first viewer reads the session from the database; the audience keeps that state for the viewers after it.
        await using var holder = await StreamClient.OpenAsync(site.Address, id);
        await holder.EventuallyAsync(v => v.Named("status").Any(), "the connection");
        var before = holder.LastId;

        await PublishAsync(admin, id, "第1段");
        await holder.EventuallyAsync(v => v.Seqs.Contains(1), "the entry");
        await CorrectAsync(admin, id, 1, "第1段（更正）");
        await holder.EventuallyAsync(v => v.Seqs.Count == 2, "the correction");

        // Each of these joins while the audience is open: its answer comes from what the audience knows.
        await using var resumed = await StreamClient.OpenAsync(site.Address, id, lastEventId: before);
        await using var firstVisit = await StreamClient.OpenAsync(site.Address, id);
        await using var current = await StreamClient.OpenAsync(site.Address, id, "?afterSeq=1");
        await using var upToDate = await StreamClient.OpenAsync(site.Address, id, lastEventId: holder.LastId);
        foreach (var viewer in new[] { resumed, firstVisit, current, upToDate })
        {
            await viewer.EventuallyAsync(v => v.Named("status").Any(), "the catch-up");
        }
        await PublishAsync(admin, id, "第2段");
        foreach (var viewer in new[] { holder, resumed, firstVisit, current, upToDate })
        {
            await viewer.EventuallyAsync(v => v.Seqs.Contains(2), "the next entry");
        }

        Assert.Equal([1, 2], resumed.Seqs);
        Assert.Contains("第1段（更正）", Html(resumed, 1), StringComparison.Ordinal);
        Assert.Equal([1, 2], firstVisit.Seqs);
        Assert.Equal([2], current.Seqs);
        Assert.Equal([2], upToDate.Seqs);
        Assert.Equal(holder.LastId, upToDate.LastId);
    }

    [Theory]
    [InlineData("/api/v1/interviews/12/events", 12)]
    [InlineData("/API/v1/Interviews/7/Events", 7)]
    [InlineData("/api/v1/interviews/x/events", null)]
    [InlineData("/api/v1/interviews/12/entries", null)]
    [InlineData("/api/v1/interviews/12/events/more", null)]
    [InlineData("/api/v1/interviews//events", null)]
    [InlineData("/api/v1/interviews/99999999999999999999/events", null)]
    public void TheStreamsBranchTakesTheSamePathsAsItsRoute(string path, int? session) =>
        Assert.Equal(session, EventStream.SessionOf(new Microsoft.AspNetCore.Http.PathString(path)));

    [Fact]
    public async Task ConcurrentPublishersAndCorrectionsReachAViewerInOrderWithoutGapsOrRepeats()
    {
        var id = await site.NewLiveSessionAsync("并发");
        var publisher = site.Services.GetRequiredService<LivePublisher>();
        var actor = await site.AdminActorAsync();
        await publisher.PublishAsync(actor, id, new EntryRequest(EntryKind.Host, "第0段"));
        await using var viewer = await StreamClient.OpenAsync(site.Address, id, "?afterSeq=1");
        await viewer.EventuallyAsync(v => v.Named("status").Any(), "the connection");

        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Task.Run(() => i % 5 == 0
            ? publisher.CorrectAsync(actor, id, 1, $"第0段 更正{i}", null)
            : publisher.PublishAsync(actor, id, new EntryRequest(EntryKind.Host, $"第{i}段")))));

        await viewer.EventuallyAsync(v => v.Seqs.Count(s => s > 1) == 24, "every new entry");
        await using var fresh = await StreamClient.OpenAsync(site.Address, id, "?after=0");
        await fresh.EventuallyAsync(v => v.Named("status").Any(), "the whole transcript");
        var ids = viewer.Named("entry").Select(e => int.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Distinct().Order(), ids);
        Assert.Equal(Enumerable.Range(2, 24), viewer.Seqs.Where(s => s > 1).Order());
        Assert.Equal(24, viewer.Seqs.Count(s => s > 1));
        // The last wording of entry 1 reached the viewer as the last of its corrections, as a fresh reader sees it.
        Assert.Equal(Html(fresh, 1), Html(viewer, 1));
        Assert.Equal(Enumerable.Range(1, 25), fresh.Seqs.Order());
    }

    [Fact]
    public async Task AHundredCharacterEntryTakesAtMost450BytesOnTheWireAndLeavesOutText()
    {
        var id = await site.NewLiveSessionAsync("字节");
        var text = string.Concat(Enumerable.Repeat("接种流感疫苗是预防流感最经济有效的手段。", 5));
        Assert.Equal(100, text.Length);
        await using var viewer = await StreamClient.OpenAsync(site.Address, id);
        using var admin = await AdminAsync();

        var guestId = await site.GuestIdAsync(id);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "guest", markdown = text, guestId })).StatusCode);

        await viewer.EventuallyAsync(v => v.Seqs.Contains(1), "the answer");
        var entry = viewer.Named("entry").Single();
        Assert.True(entry.Bytes <= 450, $"{entry.Bytes} bytes: {entry.Data}");
        Assert.Contains(text, entry.Data, StringComparison.Ordinal);
        Assert.False(entry.Json.TryGetProperty("text", out _));
        Assert.Equal(("guest", "嘉宾 李卫东"), (entry.Json.GetProperty("kind").GetString(), entry.Json.GetProperty("speaker").GetString()));
    }

    [Fact]
    public async Task KeepAliveCommentsArriveOnAQuietStream()
    {
        var id = await site.NewLiveSessionAsync("保活");
        await using var viewer = await StreamClient.OpenAsync(site.Address, id);

        await viewer.EventuallyAsync(v => v.Comments >= 2, "two keep-alive comments");
        Assert.False(viewer.Ended);
    }

    [Fact]
    public async Task ADraftSessionHasNoStreamAndAForeignBrowserIsRefused()
    {
        using var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1, title = "草稿访谈", scheduledStart = "2026-11-22T10:00:00+08:00", scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        var draft = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var live = await site.NewLiveSessionAsync("来源");

        await using var hidden = await StreamClient.OpenAsync(site.Address, draft);
        await using var missing = await StreamClient.OpenAsync(site.Address, 999_999);
        await using var resumedHidden = await StreamClient.OpenAsync(site.Address, draft, lastEventId: "0");
        await using var foreign = await StreamClient.OpenAsync(site.Address, live, origin: "https://evil.example");
        await using var own = await StreamClient.OpenAsync(site.Address, live, origin: site.Address.GetLeftPart(UriPartial.Authority));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.Status, missing.Status, resumedHidden.Status));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (foreign.Status, own.Status));
    }

    [Fact]
    public async Task AnEndedSessionSendsItsCatchUpAndStatusThenClosesAndAResumeIsTold204()
    {
        var id = await site.NewLiveSessionAsync("结束");
        using var admin = await AdminAsync();
        await PublishAsync(admin, id, "最后一段");
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" });

        await using var viewer = await StreamClient.OpenAsync(site.Address, id);
        await viewer.EventuallyAsync(v => v.Ended, "the end of the response");
        await using var again = await StreamClient.OpenAsync(site.Address, id, lastEventId: viewer.LastId);

        Assert.Equal([1], viewer.Seqs);
        Assert.Equal("ended", viewer.Named("status").Single().Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, again.Status);
    }

    [Fact]
    public async Task StatusChangesAndApprovedQuestionsAreStreamed()
    {
        var id = await site.NewLiveSessionAsync("状态");
        using var admin = await AdminAsync();
        using var citizen = site.CreateClient();
        await using var viewer = await StreamClient.OpenAsync(site.Address, id);
        await viewer.EventuallyAsync(v => v.Named("status").Any(), "the connection");

        await site.ApprovedQuestionAsync(admin, citizen, id, "流感疫苗在哪里打？", "市民甲");
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" });

        await viewer.EventuallyAsync(v => v.Named("status").Count() == 2, "the end");
        var question = viewer.Named("question").Single().Json;
        Assert.Equal(("市民甲", "流感疫苗在哪里打？"), (question.GetProperty("nickname").GetString(), question.GetProperty("text").GetString()));
        Assert.Equal("ended", viewer.Named("status").Last().Json.GetProperty("status").GetString());
    }

    private static string? Html(StreamClient viewer, int seq) =>
        viewer.Named("entry").Last(e => e.Json.GetProperty("seq").GetInt32() == seq).Json.GetProperty("html").GetString();

    private async Task<HttpClient> AdminAsync() => site.Client(await site.TokenAsync());

    private static async Task PublishAsync(HttpClient admin, int id, string markdown) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown })).StatusCode);

    private static async Task CorrectAsync(HttpClient admin, int id, int seq, string markdown) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/{seq}/corrections", new { markdown, note = "更正" })).StatusCode);
}
