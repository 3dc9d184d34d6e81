using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>A site of its own (no two-factor, so the API signs the admin straight in) for the live feed tests.</summary>
public sealed class LiveSiteFixture() : BrowserFixture(new StaffSite(requireTwoFactor: false))
{
    public StaffSite Staff => (StaffSite)Site;
}

/// <summary>
/// The public live page in a real browser: staff publish through the API, and open pages show each entry without a
/// reload, once, in order, across a network drop, a correction and the end of the session.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveFeedBrowserTests(LiveSiteFixture browser) : IClassFixture<LiveSiteFixture>
{
    private const string TitlePrefix = "直播页测试";

    private StaffSite Site => browser.Staff;

    [Fact]
    public async Task AnEntryPublishedByStaffAppearsOnOpenPagesWithoutAReloadExactlyOnce()
    {
        var id = await DemoLiveSessionAsync();
        var errors = new List<string>();
        var first = await OpenAsync(id, errors);
        var second = await OpenAsync(id, errors);
        var before = await first.Locator("ol.entries > li.entry").CountAsync();
        await first.EvaluateAsync("() => window.notReloaded = true");

        var entry = await PublishAsync(id, "**接种**后请留观 30 分钟。", "guest", await GuestIdAsync(id));

        var seq = entry.GetProperty("seq").GetInt32();
        foreach (var page in new[] { first, second })
        {
            var shown = page.Locator($"#e{seq}");
            await Assertions.Expect(shown).ToBeVisibleAsync();
            await Assertions.Expect(shown.Locator(".speaker")).ToHaveTextAsync($"[{entry.GetProperty("speaker").GetString()}]");
            await Assertions.Expect(shown.Locator(".entry-body strong")).ToHaveTextAsync("接种");
            await Assertions.Expect(shown.Locator("a.permalink")).ToHaveAttributeAsync("href", $"/interviews/{id}#e{seq}");
            await Assertions.Expect(shown.Locator("a.permalink")).ToHaveAttributeAsync("aria-label", $"第{seq}条的永久链接");
            await Assertions.Expect(shown.Locator("a.permalink")).ToHaveTextAsync($"#{seq}");
            // 投诉举报, as on the entries the page was served with.
            await Assertions.Expect(shown.Locator("a.report-link")).ToHaveAttributeAsync("href", $"/interviews/{id}/report?seq={seq}");
            await Assertions.Expect(shown.Locator("a.report-link")).ToHaveAttributeAsync("aria-label", $"举报第 {seq} 条");
            await Assertions.Expect(shown.Locator(".entry-head time")).ToHaveTextAsync(new Regex("^\\d\\d:\\d\\d$"));
            Assert.Contains("entry-guest", await shown.GetAttributeAsync("class"), StringComparison.Ordinal);
        }
        await Task.Delay(500);
        Assert.Equal(before + 1, await first.Locator("ol.entries > li.entry").CountAsync());
        var seqs = await SeqsOnPageAsync(first);
        Assert.Equal(seqs.Distinct().Order(), seqs);
        Assert.True(await first.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task AnAnswerArrivingLinksItsQuestionTheQuestionLinksItAndTheMarkerMovesOn()
    {
        var id = await NewLiveSessionAsync();
        using var admin = await AdminAsync();
        using var citizen = Site.CreateDefaultClient(new ClientAddress("10.13.3.1"));
        var first = await Site.ApprovedQuestionAsync(admin, citizen, id, "小区加装电梯有补贴吗？", "老街坊");
        var second = await Site.ApprovedQuestionAsync(admin, citizen, id, "补贴多久能到账？", "三楼住户");
        var page = await OpenAsync(id);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await PublishAsync(id, new { kind = "question", questionId = first });
        await PublishAsync(id, new { kind = "question", questionId = second });
        await Assertions.Expect(page.Locator("#e1 .tag-floor")).ToHaveTextAsync("正在回答");
        await Assertions.Expect(page.Locator("#e2")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.entry-floor")).ToHaveCountAsync(1);

        await PublishAsync(id, new { kind = "guest", markdown = "有，每台最高补贴二十万元。", guestId = await GuestIdAsync(id), questionId = first });

        await Assertions.Expect(page.Locator("#e3 a.pair-question")).ToHaveAttributeAsync("href", "#e1");
        await Assertions.Expect(page.Locator("#e3 a.pair-question")).ToHaveTextAsync("回答第1条的提问");
        await Assertions.Expect(page.Locator("#e1 .pair-answers a")).ToHaveAttributeAsync("href", "#e3");
        await Assertions.Expect(page.Locator("#e1 .pair-answers a")).ToHaveAttributeAsync("aria-label", "第3条：对这一提问的回答");
        // Answered, the first question leaves the floor to the second, as on the host console.
        await Assertions.Expect(page.Locator("#e2.entry-floor .tag-floor")).ToHaveTextAsync("正在回答");
        await Assertions.Expect(page.Locator("li.entry-floor")).ToHaveCountAsync(1);

        await Site.Services.GetRequiredService<Interview.Web.Live.LivePublisher>().MarkAnsweredAsync(await Site.AdminActorAsync(), id, second);
        await Assertions.Expect(page.Locator("li.entry-floor, .tag-floor")).ToHaveCountAsync(0);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task AnEnglishPageLabelsLiveEntriesInEnglish()
    {
        var id = await DemoLiveSessionAsync();
        var page = await NewPageAsync(null);
        Assert.Equal(200, (await page.GotoAsync($"/interviews/{id}?culture=en"))!.Status);
        await JoinedAsync(page);

        var entry = await PublishAsync(id, "Please stay for 30 minutes after the jab.", "guest", await GuestIdAsync(id));

        var seq = entry.GetProperty("seq").GetInt32();
        var shown = page.Locator($"#e{seq}");
        await Assertions.Expect(shown.Locator(".speaker")).ToHaveTextAsync($"[Guest {entry.GetProperty("speakerName").GetString()}]");
        await Assertions.Expect(shown.Locator("a.permalink")).ToHaveAttributeAsync("aria-label", $"Permanent link to entry {seq}");
        await Assertions.Expect(page.Locator("button.live-order")).ToHaveTextAsync("Newest first");
    }

    [Fact]
    public async Task AfterANetworkDropTheMissedEntriesAppearExactlyOnceInOrder()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        await PublishAsync(id, "介绍嘉宾");
        var page = await OpenAsync(id);
        var context = page.Context;

        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator(".live-note")).ToContainTextAsync("正在重新连接");
        await PublishAsync(id, "第一个问题");
        await PublishAsync(id, "第二个问题");
        await PublishAsync(id, "第三个问题");
        await Task.Delay(1_000);
        await AssertSeqsAsync(page, 1, 2);
        await context.SetOfflineAsync(false);

        await Assertions.Expect(page.Locator("#e5")).ToBeVisibleAsync();
        await JoinedAsync(page);
        await Assertions.Expect(page.Locator(".live-note")).Not.ToContainTextAsync("重新连接");
        await Task.Delay(1_000);
        await AssertSeqsAsync(page, 1, 2, 3, 4, 5);
        Assert.Equal(["开场白", "介绍嘉宾", "第一个问题", "第二个问题", "第三个问题"],
            (await page.Locator("ol.entries > li.entry .entry-body").AllInnerTextsAsync()).Select(t => t.Trim()));

        // And it keeps following afterwards.
        await PublishAsync(id, "第四个问题");
        await Assertions.Expect(page.Locator("#e6")).ToBeVisibleAsync();
        await AssertSeqsAsync(page, 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public async Task WhenTheStreamIsCutThePageResumesAndCatchesUpWhatWasPublishedAndCorrectedMeanwhile()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        await PublishAsync(id, "第二段");
        await using var line = CuttableLine.To(browser.BaseAddress);
        var page = await NewPageAsync();
        var streams = new List<IRequest>();
        page.Request += (_, request) => { if (request.Url.Contains("/events", StringComparison.Ordinal)) streams.Add(request); };
        await page.GotoAsync(new Uri(line.Address, $"/interviews/{id}").ToString());
        await JoinedAsync(page);

        // A flaky mobile network: what the server sends is lost, then the connection drops.
        line.Losing = true;
        await PublishAsync(id, "第三段");
        await CorrectAsync(id, 1, "开场白（更正）");
        await Task.Delay(500);
        await AssertSeqsAsync(page, 1, 2);
        await Assertions.Expect(page.Locator("#e1 .entry-body")).ToHaveTextAsync("开场白");
        line.Losing = false;
        line.Cut();

        // EventSource comes back by itself with the last cursor it saw: the entry and the correction made meanwhile.
        await Assertions.Expect(page.Locator("#e3 .entry-body")).ToHaveTextAsync("第三段");
        await Assertions.Expect(page.Locator("#e1 .entry-body")).ToHaveTextAsync("开场白（更正）");
        await Assertions.Expect(page.Locator("#e1")).ToContainTextAsync("已更正");
        var resumed = false;
        foreach (var stream in streams)
        {
            resumed |= (await stream.AllHeadersAsync()).ContainsKey("last-event-id");
        }
        Assert.True(resumed, "no stream request resumed with Last-Event-ID");
        await Task.Delay(500);
        await AssertSeqsAsync(page, 1, 2, 3);
    }

    [Fact]
    public async Task ARefusedStreamIsRetriedAndComingBackToTheTabDoesNotWaitOutTheDelay()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        await using var line = CuttableLine.To(browser.BaseAddress);
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(line.Address, $"/interviews/{id}").ToString());
        await JoinedAsync(page);

        // The site restarts behind its proxy: the stream drops and reconnects are refused. EventSource gives up on a
        // 503; the page retries, each time later.
        line.Refusing = true;
        line.Cut();
        await Assertions.Expect(page.Locator(".live-note")).ToContainTextAsync("正在重新连接");
        await PublishAsync(id, "第二段");
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserFixture.WaitMilliseconds);
        while (line.Refused < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page tried {line.Refused} times");
            await Task.Delay(200);
        }
        line.Refusing = false;

        // Five refusals in, the next try is 8 s or more away: a tab back in view tries at once.
        await page.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");
        await Assertions.Expect(page.Locator("#e2")).ToBeVisibleAsync(new() { Timeout = 6_000 });
        await JoinedAsync(page);
        await AssertSeqsAsync(page, 1, 2);
    }

    [Fact]
    public async Task ACorrectionReplacesTheEntryInPlace()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "本市接种率为 30%。");
        await PublishAsync(id, "谢谢。");
        var page = await OpenAsync(id);

        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/1/corrections", new { markdown = "本市接种率为 35%。", note = "更正数据" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = page.Locator("#e1");
        await Assertions.Expect(entry.Locator(".entry-body")).ToHaveTextAsync("本市接种率为 35%。");
        await Assertions.Expect(entry).ToContainTextAsync("已更正");
        await Assertions.Expect(page.Locator("[aria-live=polite]")).ToHaveTextAsync("第1条已更正");
        await AssertSeqsAsync(page, 1, 2);
    }

    [Fact]
    public async Task WhenTheSessionEndsThePageTurnsIntoTheArchiveWithoutAReload()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        var page = await OpenAsync(id);
        await Assertions.Expect(page.Locator(".live-controls")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.notReloaded = true");

        using var admin = await AdminAsync();
        var ended = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);

        await Assertions.Expect(page.Locator("#transcript-heading")).ToHaveTextAsync("文字实录");
        await Assertions.Expect(page.Locator(".interview-header .badge")).ToHaveTextAsync("已结束");
        await Assertions.Expect(page.Locator(".live-controls")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".live-note")).ToHaveTextAsync("访谈已结束，文字实录正在整理中。");
        await AssertSeqsAsync(page, 1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task OnePoliteLiveRegionAnnouncesNewEntriesOnly()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        var page = await OpenAsync(id);
        var region = page.Locator("[aria-live]");
        await Assertions.Expect(region).ToHaveCountAsync(1);
        Assert.Equal("polite", await region.GetAttributeAsync("aria-live"));
        Assert.Equal("", (await region.TextContentAsync())!.Trim());

        await PublishAsync(id, "今天起可以预约接种。");

        await Assertions.Expect(region).ToHaveTextAsync("主持人：今天起可以预约接种。");
    }

    [Fact]
    public async Task AReaderWhoChoosesNewestFirstKeepsThatOrderForNewEntriesAndNextVisits()
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "一");
        await PublishAsync(id, "二");
        var page = await OpenAsync(id);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "最新内容在前" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        await toggle.ClickAsync();
        await PublishAsync(id, "三");

        await Assertions.Expect(page.Locator("#e3")).ToBeVisibleAsync();
        await AssertSeqsAsync(page, 3, 2, 1);
        await page.ReloadAsync();
        await JoinedAsync(page);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertSeqsAsync(page, 3, 2, 1);
    }

    [Fact]
    public async Task AReaderWhoScrolledAwayIsToldOfNewEntriesAndTakenToThem()
    {
        var id = await NewLiveSessionAsync();
        for (var i = 1; i <= 12; i++)
        {
            await PublishAsync(id, $"第{i}段较长的内容，用来把页面撑高。\n\n{new string('文', 120)}");
        }
        var page = await OpenAsync(id, viewport: new ViewportSize { Width = 800, Height = 500 });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var marker = page.Locator("button.live-new");
        await Assertions.Expect(marker).ToBeHiddenAsync();

        await PublishAsync(id, "新的一段");

        await Assertions.Expect(marker).ToHaveTextAsync("有 1 条新内容");
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await marker.ClickAsync();
        await Assertions.Expect(marker).ToBeHiddenAsync();
        await page.WaitForFunctionAsync(
            "() => { const r = document.getElementById('e13').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NewEntriesAndCorrectionsArriveOverTheStreamOrByPollingWhereEventSourceIsMissing(bool withoutEventSource)
    {
        var id = await NewLiveSessionAsync();
        await PublishAsync(id, "开场白");
        var page = await NewPageAsync();
        if (withoutEventSource)
        {
            await page.Context.AddInitScriptAsync("delete window.EventSource;");
        }
        var sockets = 0;
        var requests = new List<string>();
        page.WebSocket += (_, _) => sockets++;
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync($"/interviews/{id}");
        await JoinedAsync(page);

        await PublishAsync(id, "第二段");
        await CorrectAsync(id, 1, "开场白（更正）");

        await Assertions.Expect(page.Locator("#e2 .entry-body")).ToHaveTextAsync("第二段");
        await Assertions.Expect(page.Locator("#e1 .entry-body")).ToHaveTextAsync("开场白（更正）");
        await AssertSeqsAsync(page, 1, 2);
        // No SignalR on the public page: neither its client nor a socket nor the hub.
        Assert.Equal(0, sockets);
        Assert.DoesNotContain(requests, url => url.Contains("/hubs/", StringComparison.Ordinal) || url.Contains("signalr", StringComparison.Ordinal));
        Assert.Equal(!withoutEventSource, requests.Exists(url => url.Contains($"/api/v1/interviews/{id}/events?after=", StringComparison.Ordinal)));
        Assert.Equal(withoutEventSource, requests.Exists(url => url.Contains($"/api/v1/interviews/{id}/entries?after=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheTextOnlyModeStaysWithoutLiveUpdates()
    {
        var id = await NewLiveSessionAsync();
        var page = await NewPageAsync();
        var hub = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/hubs/live", StringComparison.Ordinal) || request.Url.Contains("/events", StringComparison.Ordinal)) hub.Add(request.Url); };

        await page.GotoAsync($"/interviews/{id}?mode=text&refresh=30");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(hub);
        await Assertions.Expect(page.Locator("button.live-order")).ToHaveCountAsync(0);
    }

    private async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 } });
        return page;
    }

    /// <summary>Opens the public page and waits until it follows the event stream.</summary>
    private async Task<IPage> OpenAsync(int id, List<string>? errors = null, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        if (errors is not null)
        {
            page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
            page.PageError += (_, error) => errors.Add(error);
        }
        var response = await page.GotoAsync($"/interviews/{id}");
        Assert.Equal(200, response!.Status);
        await JoinedAsync(page);
        return page;
    }

    /// <summary>The entries on the page, by their ids (e1, e2, ...), in the order shown: none missing, none twice.</summary>
    private static async Task AssertSeqsAsync(IPage page, params int[] expected) => Assert.Equal(expected, await SeqsOnPageAsync(page));

    /// <summary>The script sets data-live-state="live" on the transcript once the stream has caught it up (or a poll has).</summary>
    private static Task JoinedAsync(IPage page) =>
        Assertions.Expect(page.Locator("section.transcript[data-live-state=live]")).ToHaveCountAsync(1);

    private static async Task<int[]> SeqsOnPageAsync(IPage page) =>
        (await page.Locator("ol.entries > li.entry").EvaluateAllAsync<string[]>("items => items.map(li => li.id)"))
            .Select(domId => int.Parse(domId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private async Task<HttpClient> AdminAsync() => Site.Client(await Site.TokenAsync());

    private async Task<JsonElement> PublishAsync(int id, string markdown, string kind = "host", int? guestId = null)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind, markdown, guestId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task CorrectAsync(int id, int seq, string markdown)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/{seq}/corrections", new { markdown, note = "更正" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PublishAsync(int id, object entry)
    {
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", entry)).StatusCode);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = Site.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(path)).RootElement.Clone();
    }

    private async Task<int> GuestIdAsync(int id) => (await GetAsync($"/api/v1/interviews/{id}")).GetProperty("guests")[0].GetProperty("id").GetInt32();

    /// <summary>The seeded live session (not one that another test here made).</summary>
    private async Task<int> DemoLiveSessionAsync() =>
        (await GetAsync("/api/v1/interviews?status=live")).GetProperty("items").EnumerateArray()
            .First(i => !i.GetProperty("title").GetString()!.StartsWith(TitlePrefix, StringComparison.Ordinal))
            .GetProperty("id").GetInt32();

    /// <summary>A session of the test's own, taken live, so that its seqs start at 1.</summary>
    private async Task<int> NewLiveSessionAsync()
    {
        var columnId = (await GetAsync("/api/v1/columns")).GetProperty("items")[0].GetProperty("id").GetInt32();
        using var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId,
            title = $"{TitlePrefix} {Guid.NewGuid():N}"[..16],
            scheduledStart = "2026-11-22T10:00:00+08:00",
            scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        foreach (var to in new[] { "scheduled", "live" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);
        }
        return id;
    }
}
