using System.Collections.Concurrent;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Tests.Questions;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Events;
using Interview.Web.Live;
using Interview.Web.Public;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Events;

/// <summary>What the services' saves announce (through the write path), in the site's own container.</summary>
public sealed class AnnouncementsTests(QuestionIntakeTests.Site site) : IClassFixture<QuestionIntakeTests.Site>
{
    [Fact]
    public async Task AnApprovalIsAnnouncedAsAQueueChangeThenTheApprovedQuestionAndALosingDecisionAsNothing()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var email = $"mod-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var moderator = new StaffActor(await site.CreateStaffAsync(email, "moderator"), email, "127.0.0.1");
        var question = Question.Submit(id, Guid.NewGuid().ToString("N")[..12], "市民小王", "流感疫苗什么时候打？", null, DateTimeOffset.UtcNow);
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            db.Questions.Add(question);
            await db.SaveChangesAsync();
        }
        var heard = new ConcurrentQueue<LiveEvent>();
        using var subscription = site.Services.GetRequiredService<IEventBus>().Subscribe(id, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });
        var moderation = site.Services.GetRequiredService<Moderation>();

        await moderation.ApproveAsync(moderator, question.Id, null);
        var afterApproval = heard.ToList();
        await Assert.ThrowsAsync<ConflictException>(() => moderation.RejectAsync(moderator, question.Id, RejectReason.OffTopic, null));

        Assert.Equal(
            [new QuestionsChanged(id), new QuestionApproved(id, question.Id, "市民小王", "流感疫苗什么时候打？")],
            afterApproval);
        Assert.Equal(afterApproval, heard);
    }

    [Fact]
    public async Task AnEntryAnnouncedWithoutReadingItBackIsTheEntryThePublicReads()
    {
        var id = await site.DemoInterviewIdAsync("live");
        var email = $"pub-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        var admin = new StaffActor(await site.CreateStaffAsync(email, "admin"), email, "127.0.0.1");
        int guestId;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            guestId = (await db.Interviews.SingleAsync(i => i.Id == id)).Guests.First().Id;
        }
        var heard = new ConcurrentQueue<EntryView>();
        using var subscription = site.Services.GetRequiredService<IEventBus>().Subscribe(id, e =>
        {
            if (e is EntryPublished published)
            {
                heard.Enqueue(published.Entry);
            }
            return Task.CompletedTask;
        });
        var publisher = site.Services.GetRequiredService<LivePublisher>();

        var host = await publisher.PublishAsync(admin, id, new EntryRequest(EntryKind.Host, "**欢迎**各位网友"));
        var guest = await publisher.PublishAsync(admin, id, new EntryRequest(EntryKind.Guest, "谢谢 <b>主持人</b>", guestId));

        var seqs = new[] { host.Entry!.Seq, guest.Entry!.Seq };
        var read = (await site.Services.GetRequiredService<PublicCatalog>().EntriesAsync(id, seqs[0] - 1))!
            .Where(e => seqs.Contains(e.Seq)).ToList();
        Assert.Equal(seqs, heard.Select(e => e.Seq).ToArray());
        Assert.Equal(read.Select(Json), heard.Select(Json));
        // The publisher's answer is the same entry.
        Assert.Equal(read.Select(Json), [Json(host.Entry), Json(guest.Entry)]);
    }

    private static string Json(EntryView view) => System.Text.Json.JsonSerializer.Serialize(view);
}
