using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Live;
using Interview.Web.Media;
using Interview.Web.Statistics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Admin;

/// <summary>
/// Rehearsals (彩排, CONTRACT.md "Rehearsal and statistics"): a private copy that staff run with the real consoles, that
/// no public output ever shows but its private link, that is wiped with everything in it, and whose prepared answers
/// reach the real session only as 预录.
/// </summary>
public sealed class RehearsalTests(RehearsalTests.Site site) : IClassFixture<RehearsalTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    [Fact]
    public async Task AdminsAndTheAssignedHostMakeRehearsalsOtherStaffAreRefusedAndARehearsalIsNotRehearsedAgain()
    {
        var id = await NewScheduledSessionAsync("彩排权限");
        var hostEmail = Email("host");
        var otherHostEmail = Email("host");
        var moderatorEmail = Email("mod");
        await site.AssignAsync(id, await site.CreateStaffAsync(hostEmail, "host"), StaffRole.Host);
        await site.CreateStaffAsync(otherHostEmail, "host");
        await site.CreateStaffAsync(moderatorEmail, "moderator");
        using var admin = site.Client(await site.TokenAsync());
        using var host = site.Client(await site.TokenAsync(hostEmail));
        using var otherHost = site.Client(await site.TokenAsync(otherHostEmail));
        using var moderator = site.Client(await site.TokenAsync(moderatorEmail));

        var byAdmin = await admin.PostAsync($"/api/v1/interviews/{id}/rehearsals", null);
        var byHost = await host.PostAsync($"/api/v1/interviews/{id}/rehearsals", null);
        var byOtherHost = await otherHost.PostAsync($"/api/v1/interviews/{id}/rehearsals", null);
        var byModerator = await moderator.PostAsync($"/api/v1/interviews/{id}/rehearsals", null);
        var rid = await IdOfAsync(byAdmin);
        var again = await admin.PostAsync($"/api/v1/interviews/{rid}/rehearsals", null);

        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byHost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherHost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byModerator.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var audit = await site.AuditAsync();
        Assert.Single(audit, a => a.Action == "rehearsal.create" && a.Target == $"interview/{rid}" && a.Actor == StaffSite.AdminEmail);
        Assert.Single(audit, a => a.Action == "rehearsal.create" && a.Actor == hostEmail);
    }

    [Fact]
    public async Task TheCopyHasTheTitleGuestsTheirOwnPhotosAssignmentsAndReviewSettingAndStartsScheduled()
    {
        var id = await NewScheduledSessionAsync("彩排副本");
        var actor = await site.AdminActorAsync();
        var sessions = site.Services.GetRequiredService<InterviewAdmin>();
        var typist = await site.CreateStaffAsync(Email("typ"), "typist");
        await site.AssignAsync(id, typist, StaffRole.Typist);
        await sessions.SetReviewAsync(actor, id, true);
        var guestId = await site.GuestIdAsync(id);
        var photo = await sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg()));

        var rehearsal = await site.Services.GetRequiredService<Rehearsals>().CreateAsync(actor, id);

        await using var db = await DbAsync();
        var real = await db.Interviews.Include(i => i.Assignments).SingleAsync(i => i.Id == id);
        var copy = await db.Interviews.Include(i => i.Assignments).SingleAsync(i => i.Id == rehearsal.Id);
        Assert.Equal(id, copy.RehearsalOf);
        Assert.Null(real.RehearsalOf);
        Assert.Equal(real.Title, copy.Title);
        Assert.Equal(real.BackgroundHtml, copy.BackgroundHtml);
        Assert.Equal(InterviewStatus.Scheduled, copy.Status);
        Assert.True(copy.RequiresReview);
        Assert.Equal(real.Guests.Select(g => (g.Name, g.Position, g.Organization)), copy.Guests.Select(g => (g.Name, g.Position, g.Organization)));
        Assert.Contains(copy.Assignments, a => a.StaffId == typist && a.Role == StaffRole.Typist);
        var copiedPhoto = copy.Guests.Single().PhotoUrl!;
        Assert.NotEqual(photo, copiedPhoto);
        var images = site.Services.GetRequiredService<ImageStore>();
        Assert.Equal((await images.ReadAsync(photo))!.Value.Bytes, (await images.ReadAsync(copiedPhoto))!.Value.Bytes);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", copy.RehearsalToken!);
    }

    [Fact]
    public async Task StaffRunARehearsalWithTheConsolesAndNoPublicOutputShowsItButItsPrivateLink()
    {
        var id = await NewScheduledSessionAsync("彩排公开");
        using var admin = site.Client(await site.TokenAsync());
        using var anonymous = site.CreateClient();
        var created = await admin.PostAsync($"/api/v1/interviews/{id}/rehearsals", null);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var rid = body.GetProperty("id").GetInt32();
        var link = body.GetProperty("url").GetString()!;
        var marker = $"彩排专用答复{Guid.NewGuid():N}"[..14];
        var guestId = await GuestOfAsync(rid);

        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "live")).StatusCode);
        var published = await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries", new { kind = "guest", markdown = $"{marker}，医保报销比例提高。", guestId });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        await using (var viewer = await LiveClient.ConnectAsync(site))
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => viewer.JoinAsync(rid, 0));
            Assert.NotNull(refused);
            // Joining by cursor (JoinAfter, which catches corrections up) is refused alike.
            await Assert.ThrowsAsync<HubException>(() => Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync<JsonElement[]>(viewer.Connection, "JoinAfter", rid, 0));
        }
        await using (var stream = await StreamClient.OpenAsync(site.CreateClient(), rid))
        {
            Assert.Equal(HttpStatusCode.NotFound, stream.Status);
        }
        // The private page follows the rehearsal's stream with its link's token; while it does, the session's audience
        // is known, and a viewer without the token is still refused.
        await using (var team = await StreamClient.OpenAsync(site.CreateClient(), rid, $"?rehearsal={Token(link)}"))
        {
            Assert.Equal(HttpStatusCode.OK, team.Status);
            await team.EventuallyAsync(v => v.Named("entry").Any(e => e.Data.Contains(marker, StringComparison.Ordinal)), "the rehearsal's entry");
            await using var stranger = await StreamClient.OpenAsync(site.CreateClient(), rid);
            Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
            await using var forged = await StreamClient.OpenAsync(site.CreateClient(), rid, "?rehearsal=forged");
            Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        }
        await using (var team = await ConnectAsync($"/hubs/live?rehearsal={Token(link)}"))
        {
            var joined = await team.JoinAsync(rid, 0);
            Assert.Contains(marker, joined.Single().GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "ended")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "published")).StatusCode);

        foreach (var (source, output) in await PublicOutputs.ReadAsync(anonymous, id, $"/search?q={Uri.EscapeDataString(marker[..6])}"))
        {
            Assert.DoesNotContain(marker, output, StringComparison.Ordinal);
            Assert.DoesNotContain($"/interviews/{rid}\"", output, StringComparison.Ordinal);
            Assert.False(output.Contains($"interviews/{rid}<", StringComparison.Ordinal), source);
        }
        var listed = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/interviews?column=health")).RootElement.GetProperty("items");
        Assert.DoesNotContain(rid, listed.EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        var search = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/search?q={Uri.EscapeDataString(marker[..6])}")).RootElement;
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/interviews/{rid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/interviews/{rid}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/interviews/{rid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/interviews/{rid}?rehearsal=wrong-token-0000000000000000000")).StatusCode);

        var page = await anonymous.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("rehearsal-banner", html, StringComparison.Ordinal);
        Assert.Contains("彩排", html, StringComparison.Ordinal);
        Assert.Contains(marker, html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("noindex", page.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task ARehearsalIsNoSessionHeldAndDoesNotKeepAColumnFromBeingQuiet()
    {
        using var admin = site.Client(await site.TokenAsync());
        var slug = $"r{Guid.NewGuid():N}"[..10];
        var column = await admin.PostAsJsonAsync("/api/v1/columns", new { name = "彩排栏目" + slug, slug });
        var columnId = JsonDocument.Parse(await column.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var id = await NewScheduledSessionAsync("彩排统计", columnId);
        var rid = await IdOfAsync(await admin.PostAsync($"/api/v1/interviews/{id}/rehearsals", null));
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "live")).StatusCode);
        var actor = await site.AdminActorAsync();
        await using var db = await DbAsync();
        var startedAt = await db.Interviews.Where(i => i.Id == rid).Select(i => i.StartedAt).SingleAsync();
        var year = site.Services.GetRequiredService<Interview.Web.Hosting.SiteTime>().Local(startedAt!.Value).Year;

        var statistics = await site.Services.GetRequiredService<AnnualStatistics>().ForYearAsync(actor, year);
        var checks = await site.Services.GetRequiredService<InspectionChecks>().FindAsync(actor);

        Assert.Equal(0, statistics.ByColumn.Single(c => c.Slug == slug).Counts.Interviews);
        Assert.Contains(checks.QuietColumns, c => c.Slug == slug && c.LastLiveAt is null);
    }

    [Fact]
    public async Task DeletingARehearsalWipesEverythingInItAndLeavesOnlyAuditLinesWhileARealSessionIsRefused()
    {
        var id = await NewScheduledSessionAsync("彩排删除");
        var actor = await site.AdminActorAsync();
        var sessions = site.Services.GetRequiredService<InterviewAdmin>();
        var realPhoto = await sessions.SetGuestPhotoAsync(actor, id, await site.GuestIdAsync(id), new MemoryStream(TestImages.Jpeg()));
        // Two-key review is copied: the rehearsal's guest answer waits as a draft.
        await sessions.SetReviewAsync(actor, id, true);
        using var admin = site.Client(await site.TokenAsync());
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.9.7.1"));
        var rid = await IdOfAsync(await admin.PostAsync($"/api/v1/interviews/{id}/rehearsals", null));
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "live")).StatusCode);
        var guestId = await GuestOfAsync(rid);
        var qid = await site.ApprovedQuestionAsync(admin, citizen, rid, "彩排里网友的问题：医保怎么报销？");
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsync($"/api/v1/questions/{qid}/me-too", null)).StatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries", new { kind = "question", questionId = qid })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries", new { kind = "host", markdown = "欢迎收看彩排。" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries/2/corrections", new { markdown = "欢迎各位收看彩排。", note = "措辞" })).IsSuccessStatusCode);
        var publisher = site.Services.GetRequiredService<LivePublisher>();
        var entryPhoto = await publisher.SavePhotoAsync(actor, rid, new MemoryStream(TestImages.Png()));
        await publisher.PublishPhotoAsync(actor, rid, entryPhoto, "彩排现场");
        var draft = await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries", new { kind = "guest", markdown = "待审的答复。", guestId });
        Assert.EndsWith("/drafts", draft.Headers.Location!.ToString(), StringComparison.Ordinal);
        await site.AssignAsync(rid, await site.CreateStaffAsync(Email("typ"), "typist"), StaffRole.Typist);
        await site.Services.GetRequiredService<StudioScreens>().NewLinkAsync(actor, rid);
        string rehearsalPhoto;
        await using (var db = await DbAsync())
        {
            rehearsalPhoto = (await db.Guests.SingleAsync(g => g.InterviewId == rid)).PhotoUrl!;
            Assert.True(await CountAsync(db, rid) > 8, "the rehearsal has rows in every table before the wipe");
        }

        var refused = await admin.DeleteAsync($"/api/v1/interviews/{id}");
        var wiped = await admin.DeleteAsync($"/api/v1/interviews/{rid}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, wiped.StatusCode);
        await using (var db = await DbAsync())
        {
            Assert.Equal(0, await CountAsync(db, rid));
            Assert.True(await db.Interviews.AnyAsync(i => i.Id == id));
            var stored = await db.Set<StoredImage>().Select(i => "/media/" + i.Path).ToListAsync();
            Assert.DoesNotContain(rehearsalPhoto, stored);
            Assert.DoesNotContain(entryPhoto, stored);
            Assert.Contains(realPhoto, stored);
        }
        var audit = await site.AuditAsync();
        Assert.Single(audit, a => a.Action == "rehearsal.delete" && a.Target == $"interview/{rid}");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/interviews/{rid}")).StatusCode);
    }

    [Fact]
    public async Task AnAnswerPreparedInRehearsalIsCarriedIntoTheRealSessionOnlyAsPreRecorded()
    {
        var id = await NewScheduledSessionAsync("彩排预录");
        using var admin = site.Client(await site.TokenAsync());
        using var anonymous = site.CreateClient();
        var rid = await IdOfAsync(await admin.PostAsync($"/api/v1/interviews/{id}/rehearsals", null));
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, rid, "live")).StatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{rid}/entries", new { kind = "guest", markdown = "提前准备的政策解读。", guestId = await GuestOfAsync(rid) })).IsSuccessStatusCode);

        var tooEarly = await admin.PostAsync($"/api/v1/interviews/{rid}/entries/1/carry", null);
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, id, "live")).StatusCode);
        var carried = await admin.PostAsync($"/api/v1/interviews/{rid}/entries/1/carry", null);
        var fromReal = await admin.PostAsync($"/api/v1/interviews/{id}/entries/1/carry", null);

        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Created, carried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, fromReal.StatusCode);
        var entry = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/interviews/{id}/entries")).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.True(entry.GetProperty("prepared").GetBoolean());
        Assert.Equal("提前准备的政策解读。", entry.GetProperty("text").GetString());
        Assert.Contains("李卫东", entry.GetProperty("speaker").GetString(), StringComparison.Ordinal);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "rehearsal.carry" && a.Target == $"interview/{id}");
    }

    /// <summary>Rows of the session in every table that refers to it (the images are checked by their URLs).</summary>
    private static async Task<int> CountAsync(InterviewDbContext db, int id)
    {
        var entries = db.Entries.Where(e => e.InterviewId == id);
        var questions = db.Questions.Where(q => q.InterviewId == id);
        return await db.Interviews.CountAsync(i => i.Id == id)
            + await db.Guests.CountAsync(g => g.InterviewId == id)
            + await db.Assignments.CountAsync(a => a.InterviewId == id)
            + await entries.CountAsync()
            + await db.EntryRevisions.CountAsync(r => entries.Any(e => e.Id == r.EntryId))
            + await db.EntryDrafts.CountAsync(d => d.InterviewId == id)
            + await questions.CountAsync()
            + await db.MeToos.CountAsync(m => questions.Any(q => q.Id == m.QuestionId))
            + await db.ClientBlocks.CountAsync(b => b.InterviewId == id)
            + await db.Reports.CountAsync(r => r.InterviewId == id)
            + await db.StudioScreens.CountAsync(s => s.InterviewId == id);
    }

    private async Task<int> NewScheduledSessionAsync(string title, int columnId = 1)
    {
        using var admin = site.Client(await site.TokenAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId,
            title = $"{title} {Guid.NewGuid():N}"[..(title.Length + 9)],
            background = "彩排测试的访谈背景。",
            scheduledStart = "2026-11-22T10:00:00+08:00",
            scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        var id = await IdOfAsync(created);
        Assert.Equal(HttpStatusCode.OK, (await Transition(admin, id, "scheduled")).StatusCode);
        return id;
    }

    private async Task<int> GuestOfAsync(int id)
    {
        await using var db = await DbAsync();
        return await db.Guests.Where(g => g.InterviewId == id).Select(g => g.Id).FirstAsync();
    }

    private async Task<LiveClient> ConnectAsync(string hubPath) => await LiveClient.ConnectAsync(site, hubPath: hubPath);

    private Task<InterviewDbContext> DbAsync() =>
        site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();

    private static Task<HttpResponseMessage> Transition(HttpClient client, int id, string to) =>
        client.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to });

    private static async Task<int> IdOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

    private static string Token(string link) => link[(link.IndexOf("rehearsal=", StringComparison.Ordinal) + "rehearsal=".Length)..];

    private static string Email(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
}
