using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Browser;
using Interview.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Interview.Tests.ScaleOut;

/// <summary>The scale-out tests start servers of their own; one class at a time, so two sets never share the cores.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection
{
    public const string Name = "ScaleOut";
}

/// <summary>
/// Two instances on one PostgreSQL and one Redis, behind nginx (issue 11 §5): what one instance does, the other and its
/// viewers see, and a limit or a block holds whichever instance a citizen reaches.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed partial class TwoInstancesTests(ScaleOutSites sites, ITestOutputHelper output) : IClassFixture<ScaleOutSites>
{
    [Fact]
    public async Task A_viewer_on_B_receives_every_entry_published_on_A_exactly_once_in_order()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "两台服务器上的直播");
        await using var viewer = await Viewer.ConnectAsync(sites.B.Address, id);

        const int entries = 40;
        for (var i = 1; i <= entries; i++)
        {
            await ScaleOutSites.PublishAsync(staff, id, $"第{i}条：在A上发布");
        }

        await LiveClient.EventuallyAsync(() => viewer.HighestSeq == entries, $"all {entries} entries on B");
        Assert.Equal(Enumerable.Range(1, entries), viewer.Arrivals);
        Assert.All(viewer.Copies.Values, copies => Assert.Equal(1, copies));
    }

    [Fact]
    public async Task A_staff_token_made_on_A_works_on_B_and_a_photo_uploaded_on_A_is_served_by_B()
    {
        var token = await ScaleOutSites.TokenAsync(sites.A);
        using var onA = ScaleOutSites.Staff(sites.A, token);
        using var onB = ScaleOutSites.Staff(sites.B, token);
        var id = await ScaleOutSites.LiveSessionAsync(onB, "令牌在另一台上");

        using var photo = new ByteArrayContent(TestImages.Png(16, 12));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var uploaded = await onA.PostAsync($"/api/v1/interviews/{id}/photos", photo);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        // Served alike by B, which did not store it, and by A, which did (an opaque photo is re-encoded as JPEG).
        using var onBPublic = sites.B.CreateClient();
        using var onAPublic = sites.A.CreateClient();
        var fromB = await onBPublic.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal("image/jpeg", fromB.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await (await onAPublic.GetAsync(url)).Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_question_limit_and_a_block_hold_whichever_instance_a_citizen_reaches()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "限流与屏蔽");

        // Five a minute from one client (the default limit), alternating between the instances: the sixth is refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var site = i % 2 == 0 ? sites.A : sites.B;
            statuses.Add((await ScaleOutSites.AskAsync(site, id, "203.0.113.7", $"第{i + 1}个问题：医保报销怎么办？")).StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), HttpStatusCode.TooManyRequests], statuses);

        // A moderator on A bars another citizen; that citizen is refused on B.
        Assert.Equal(HttpStatusCode.Accepted, (await ScaleOutSites.AskAsync(sites.B, id, "203.0.113.8", "请问社区医院几点开门？")).StatusCode);
        var pending = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/interviews/{id}/questions?status=pending");
        var fromSecond = pending.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("text").GetString()!.Contains("社区医院"));
        var blocked = await staff.PostAsJsonAsync($"/api/v1/questions/{fromSecond.GetProperty("id").GetInt32()}/block-sender", new { });
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ScaleOutSites.AskAsync(sites.B, id, "203.0.113.8", "再问一次")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ScaleOutSites.AskAsync(sites.B, id, "203.0.113.9", "别人照常提问")).StatusCode);
    }

    [Fact]
    public async Task A_question_asked_on_B_reaches_a_moderators_console_on_A_without_a_reload()
    {
        using var staff = ScaleOutSites.Staff(sites.A, await ScaleOutSites.TokenAsync(sites.A));
        var id = await ScaleOutSites.LiveSessionAsync(staff, "审核台在A上");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new() { BaseURL = sites.A.Address.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.WaitMilliseconds);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("电子邮箱").FillAsync(ScaleOutSites.AdminEmail);
        await page.GetByLabel("密码").FillAsync(ScaleOutSites.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArrivedAtAsync("/admin$");
        Assert.Equal(HttpStatusCode.Accepted, (await ScaleOutSites.AskAsync(sites.A, id, "203.0.113.19", "门诊报销比例是多少？")).StatusCode);
        await page.GotoAsync($"/admin/sessions/{id}/moderate");
        // The console puts the focus on the selected question once its circuit is up, and listens from then on.
        var selected = page.Locator(".moderation-item[aria-selected=true]");
        await Assertions.Expect(selected).ToContainTextAsync("门诊报销比例");
        await Assertions.Expect(selected).ToBeFocusedAsync();

        var asked = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await ScaleOutSites.AskAsync(sites.B, id, "203.0.113.20", "医保异地就医怎么备案？")).StatusCode);
        await Assertions.Expect(page.GetByText("医保异地就医怎么备案？").First).ToBeVisibleAsync();
        output.WriteLine($"asked on B, shown on A's console after {asked.ElapsedMilliseconds} ms");
    }
}
