using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.ScaleOut;

/// <summary>
/// The public stream with two instances and Redis: a viewer on one instance hears what is published on the other (the
/// stream listens to every instance's events; no SignalR backplane carries it), and resumes there by its cursor.
/// </summary>
public sealed class EventStreamScaleOutTests(TwoInstances sites) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task AViewerOnOneInstanceHearsEntriesAndCorrectionsPublishedOnTheOtherOnceAndResumesThere()
    {
        var id = await sites.A.NewLiveSessionAsync("双实例");
        using var admin = sites.A.Client(await sites.A.TokenAsync());
        string? cursor;
        await using (var onB = await StreamClient.OpenAsync(sites.B.CreateClient(), id))
        {
            await onB.EventuallyAsync(v => v.Named("status").Any(), "the connection");
            await PublishAsync(admin, id, "第1段");
            await PublishAsync(admin, id, "第2段");
            await onB.EventuallyAsync(v => v.Seqs.Count == 2, "A's entries on B");
            Assert.Equal([1, 2], onB.Seqs);
            cursor = onB.LastId;
        }
        await PublishAsync(admin, id, "第3段");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries/1/corrections", new { markdown = "第1段（更正）", note = "更正" })).StatusCode);

        await using var resumedOnA = await StreamClient.OpenAsync(sites.A.CreateClient(), id, lastEventId: cursor);
        await resumedOnA.EventuallyAsync(v => v.Seqs.Count == 2, "the missed changes");
        await using var onB2 = await StreamClient.OpenAsync(sites.B.CreateClient(), id, lastEventId: resumedOnA.LastId);
        await onB2.EventuallyAsync(v => v.Named("status").Any(), "the connection");
        await PublishAsync(admin, id, "第4段");
        await onB2.EventuallyAsync(v => v.Seqs.Contains(4), "A's next entry on B");

        await resumedOnA.EventuallyAsync(v => v.Seqs.Contains(4), "the next entry on A too");
        Assert.Equal([3, 1, 4], resumedOnA.Seqs);
        Assert.Equal([4], onB2.Seqs);
    }

    private static async Task PublishAsync(HttpClient admin, int id, string markdown) =>
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "host", markdown })).StatusCode);
}
