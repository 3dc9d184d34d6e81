using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Staff;
using Interview.Tests.Support;

namespace Interview.Tests.Live;

/// <summary>
/// Two-key review covers corrections (勘误) too: with review on, a host's correction of a guest's answer waits for the
/// reviewer, the public keeps the reviewed wording meanwhile, and 审核：reviewer only ever labels text a reviewer
/// approved. The audit log holds each step.
/// </summary>
public abstract partial class LiveRoomSuite
{
    [Fact]
    public async Task ACorrectionOfAReviewedAnswerWaitsForTheReviewerAndGoesOutWithTheSameSeqOnceApproved()
    {
        var room = await ReviewedAnswerAsync("接种率为 30%");
        using var admin = site.Client(await site.TokenAsync());

        var submitted = await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/entries/1/corrections", new { markdown = "接种率为 35%", note = "更正数据" });

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var draft = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("pending", 1, "更正数据"), (draft.GetProperty("status").GetString(), draft.GetProperty("correctsSeq").GetInt32(), draft.GetProperty("correctionNote").GetString()));
        var unchanged = Assert.Single(await PublicEntriesAsync(room.Id));
        Assert.Equal(("接种率为 30%", room.Unit), (unchanged.GetProperty("text").GetString(), unchanged.GetProperty("reviewedBy").GetString()));
        Assert.False(unchanged.TryGetProperty("correctedAt", out var notYet) && notYet.ValueKind != JsonValueKind.Null);
        var again = await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/entries/1/corrections", new { markdown = "接种率为 36%", note = "再改" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var approved = await room.Reviewer.PostAsync($"/api/v1/drafts/{draft.GetProperty("id").GetInt32()}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var corrected = Assert.Single(await PublicEntriesAsync(room.Id));
        Assert.Equal((1, "接种率为 35%", room.Unit), (corrected.GetProperty("seq").GetInt32(), corrected.GetProperty("text").GetString(), corrected.GetProperty("reviewedBy").GetString()));
        Assert.Equal(JsonValueKind.String, corrected.GetProperty("correctedAt").ValueKind);
        using var client = site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{room.Id}");
        Assert.Contains($"审核：{room.Unit}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(room.ReviewerName, page, StringComparison.Ordinal);
        Assert.Contains("接种率为 30%", page, StringComparison.Ordinal);
        Assert.Contains("更正数据", page, StringComparison.Ordinal);
        var path = (await site.AuditAsync()).Where(a => a.Target == $"interview/{room.Id}" && a.Action.StartsWith("entry.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["entry.submit", "entry.review.approve", "entry.correct.submit", "entry.review.approve", "entry.correct"], path.Select(a => a.Action));
        Assert.Equal([StaffSite.AdminEmail, room.ReviewerEmail, room.ReviewerEmail], path.Skip(2).Select(a => a.Actor));
        Assert.Contains("correction", path[3].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASentBackCorrectionChangesNothingThePublicSees()
    {
        var room = await ReviewedAnswerAsync("全市设有 200 个接种点");
        using var admin = site.Client(await site.TokenAsync());
        var submitted = await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/entries/1/corrections", new { markdown = "全市设有 300 个接种点", note = "更正数字" });
        var draftId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var sentBack = await room.Reviewer.PostAsJsonAsync($"/api/v1/drafts/{draftId}/send-back", new { comment = "数字未经核实" });

        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        var entry = Assert.Single(await PublicEntriesAsync(room.Id));
        Assert.Equal(("全市设有 200 个接种点", room.Unit), (entry.GetProperty("text").GetString(), entry.GetProperty("reviewedBy").GetString()));
        using var client = site.CreateClient();
        Assert.DoesNotContain("300 个接种点", await client.GetStringAsync($"/interviews/{room.Id}"), StringComparison.Ordinal);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "entry.review.send-back" && a.Target == $"interview/{room.Id}"
            && a.Actor == room.ReviewerEmail && a.Details.Contains("correction of seq 1", StringComparison.Ordinal));

        // The host's next try revises the sent-back correction: it waits again, and is still not public.
        var retried = await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/entries/1/corrections", new { markdown = "全市设有 260 个接种点", note = "核实后更正" });
        var retry = JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((HttpStatusCode.Accepted, draftId, "pending"), (retried.StatusCode, retry.GetProperty("id").GetInt32(), retry.GetProperty("status").GetString()));
        Assert.Equal("全市设有 200 个接种点", Assert.Single(await PublicEntriesAsync(room.Id)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task WithReviewOffACorrectionPublishesAtOnceAndNoLongerClaimsTheReview()
    {
        var room = await ReviewedAnswerAsync("接种点周末照常开放");
        using var admin = site.Client(await site.TokenAsync());
        await admin.PutAsJsonAsync($"/api/v1/interviews/{room.Id}/review", new { required = false });

        var corrected = await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/entries/1/corrections", new { markdown = "接种点周六开放、周日休息", note = "更正时间" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var entry = Assert.Single(await PublicEntriesAsync(room.Id));
        Assert.Equal("接种点周六开放、周日休息", entry.GetProperty("text").GetString());
        Assert.True(!entry.TryGetProperty("reviewedBy", out var reviewer) || reviewer.ValueKind == JsonValueKind.Null);
        using var client = site.CreateClient();
        Assert.DoesNotContain($"审核：{room.Unit}", await client.GetStringAsync($"/interviews/{room.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheArchiveNamesTheReviewingUnitAndNeverTheReviewer()
    {
        var room = await ReviewedAnswerAsync("全市设有 200 个接种点");
        using var admin = site.Client(await site.TokenAsync());
        foreach (var to in new[] { "ended", "published" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{room.Id}/transitions", new { to })).StatusCode);
        }
        using var client = site.CreateClient();

        var entry = Assert.Single(await PublicEntriesAsync(room.Id));
        var page = await client.GetStringAsync($"/interviews/{room.Id}");
        var markdown = await client.GetStringAsync($"/interviews/{room.Id}/transcript.md");

        Assert.Equal((true, room.Unit), (entry.GetProperty("reviewed").GetBoolean(), entry.GetProperty("reviewedBy").GetString()));
        Assert.Contains($"审核：{room.Unit}", page, StringComparison.Ordinal);
        Assert.Contains($"（审核：{room.Unit}）", markdown, StringComparison.Ordinal);
        foreach (var personal in new[] { room.ReviewerName, room.ReviewerEmail })
        {
            Assert.DoesNotContain(personal, entry.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
            Assert.DoesNotContain(personal, markdown, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A live session with review on and a reviewing unit, a typist and a reviewer assigned, and seq 1: a guest's answer
    /// the reviewer approved.
    /// </summary>
    private async Task<ReviewRoom> ReviewedAnswerAsync(string answer)
    {
        var id = await NewLiveSessionAsync();
        using var admin = site.Client(await site.TokenAsync());
        var typistEmail = $"typ-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var reviewerEmail = $"rev-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await AssignAsync(id, await site.CreateStaffAsync(typistEmail, "typist"), StaffRole.Typist);
        await AssignAsync(id, await site.CreateStaffAsync(reviewerEmail, "reviewer"), StaffRole.Reviewer);
        await admin.PutAsJsonAsync($"/api/v1/interviews/{id}/review", new { required = true });
        await admin.PatchAsJsonAsync($"/api/v1/interviews/{id}", new { reviewUnit = ReviewUnit });
        using var typist = site.Client(await site.TokenAsync(typistEmail));
        var reviewer = site.Client(await site.TokenAsync(reviewerEmail));
        var submitted = await typist.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "guest", markdown = answer, guestId = await GuestIdAsync(id) });
        var draftId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsync($"/api/v1/drafts/{draftId}/approve", null)).StatusCode);
        return new ReviewRoom(id, reviewer, reviewerEmail, reviewerEmail.Split('@')[0], ReviewUnit);
    }

    private const string ReviewUnit = "市卫生健康委员会办公室";

    /// <summary>ReviewerName is the reviewer's display name (staff see it), Unit what the public sees.</summary>
    private sealed record ReviewRoom(int Id, HttpClient Reviewer, string ReviewerEmail, string ReviewerName, string Unit);
}
