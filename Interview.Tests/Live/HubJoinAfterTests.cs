using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Interview.Tests.Live;

/// <summary>
/// The hub's resume by cursor (JoinAfter) and the entries API's ?after=: a correction made while a client was away is
/// caught up with the entries published meanwhile; Join(afterSeq) keeps working as it did.
/// </summary>
public sealed class HubJoinAfterTests(LiveRoomTests.Site site) : IClassFixture<LiveRoomTests.Site>
{
    [Fact]
    public async Task JoinAfterReturnsTheEntriesPublishedAndCorrectedSinceTheCursorEachWithItsCursor()
    {
        var id = await site.NewLiveSessionAsync("续传");
        using var admin = site.Client(await site.TokenAsync());
        await PublishAsync(admin, id, "第1段");
        await PublishAsync(admin, id, "第2段");
        await using var viewer = await LiveClient.ConnectAsync(site);
        var seen = await viewer.JoinAsync(id, afterSeq: 0);
        var cursor = seen[^1].GetProperty("cursor").GetInt32();

        await CorrectAsync(admin, id, 1, "第1段（更正）");
        await PublishAsync(admin, id, "第3段");
        var missed = await viewer.Connection.InvokeAsync<JsonElement[]>("JoinAfter", id, cursor);
        var bySeq = await viewer.JoinAsync(id, afterSeq: 2);

        Assert.Equal([1, 2], seen.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal([1, 3], missed.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal("第1段（更正）", missed[0].GetProperty("text").GetString());
        var cursors = missed.Select(e => e.GetProperty("cursor").GetInt32()).ToList();
        Assert.True(cursors[0] > cursor && cursors[1] > cursors[0], string.Join(",", cursors));
        Assert.Equal([3], bySeq.Select(e => e.GetProperty("seq").GetInt32()));
    }

    [Fact]
    public async Task TheEntriesApiAfterACursorListsPublicationsAndCorrectionsInTheirOrder()
    {
        var id = await site.NewLiveSessionAsync("轮询");
        using var admin = site.Client(await site.TokenAsync());
        await PublishAsync(admin, id, "第1段");
        await PublishAsync(admin, id, "第2段");
        using var client = site.CreateClient();
        var first = await ItemsAsync(client, $"/api/v1/interviews/{id}/entries?after=0");
        var cursor = first[^1].GetProperty("cursor").GetInt32();

        await CorrectAsync(admin, id, 1, "第1段（更正）");
        await PublishAsync(admin, id, "第3段");
        var missed = await ItemsAsync(client, $"/api/v1/interviews/{id}/entries?after={cursor}");
        var none = await ItemsAsync(client, $"/api/v1/interviews/{id}/entries?after={missed[^1].GetProperty("cursor").GetInt32()}");

        Assert.Equal([1, 2], first.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal([1, 3], missed.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Empty(none);
    }

    private static async Task<JsonElement[]> ItemsAsync(HttpClient client, string url) =>
        [.. JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.GetProperty("items").EnumerateArray()];

    private static async Task PublishAsync(HttpClient admin, int id, string markdown) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown })).StatusCode);

    private static async Task CorrectAsync(HttpClient admin, int id, int seq, string markdown) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/{seq}/corrections", new { markdown, note = "更正" })).StatusCode);
}
