using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Live;
using Interview.Web.Public;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>
/// A live console under test: the admin console's context plus the live room's services, and a session that is on
/// air with its guests, built through the domain's own rules.
/// </summary>
public abstract class LiveConsoleTestContext : AdminTestContext
{
    protected const string FirstGuest = "李卫东";
    protected const string SecondGuest = "王敏";

    protected LiveConsoleTestContext()
    {
        Services.AddSingleton<PublicCatalog>();
        Services.AddSingleton<LiveDesk>();
        Services.AddSingleton<LivePublisher>();
        // The host console's question board reveals masked personal data through it.
        Services.AddSingleton<Interview.Web.Questions.Moderation>();
        Services.AddSingleton<StudioScreens>();
    }

    protected LivePublisher Publisher => Service<LivePublisher>();

    protected PublicCatalog Catalog => Service<PublicCatalog>();

    /// <summary>A session that is live (or only announced, when asked), with two guests.</summary>
    protected async Task<LiveSession> LiveSessionAsync(InterviewStatus status = InterviewStatus.Live)
    {
        await using var db = Database.CreateDbContext();
        var column = Column.Create("卫健在线", $"weijian-{Guid.NewGuid():N}"[..16]);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var session = InterviewSession.Create(column.Id, "秋冬季流感防控在线访谈", null, now, now.AddHours(1), now);
        session.AddGuest(FirstGuest, "主任", "市疾病预防控制中心", null, now);
        session.AddGuest(SecondGuest, "副局长", "市卫生健康委员会", null, now);
        session.TransitionTo(InterviewStatus.Scheduled, now);
        if (status == InterviewStatus.Live)
        {
            session.TransitionTo(InterviewStatus.Live, now);
        }
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return new LiveSession(session.Id, session.Guests[0].Id, session.Guests[1].Id);
    }

    /// <summary>A citizen's question a moderator has approved.</summary>
    protected async Task<int> ApprovedQuestionAsync(int interviewId, string text = "老人什么时候接种流感疫苗最好？")
    {
        await using var db = Database.CreateDbContext();
        var question = Question.Submit(interviewId, Guid.NewGuid().ToString("N")[..16], "市民小王", text, null, DateTimeOffset.UtcNow);
        question.Approve("moderator@example.gov.cn", null, DateTimeOffset.UtcNow);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question.Id;
    }

    protected async Task<IReadOnlyList<TranscriptEntry>> StoredEntriesAsync(int interviewId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Entries.AsNoTracking().Where(e => e.InterviewId == interviewId).OrderBy(e => e.Seq).ToListAsync();
    }

    protected async Task<IReadOnlyList<EntryDraft>> StoredDraftsAsync(int interviewId)
    {
        await using var db = Database.CreateDbContext();
        return await db.EntryDrafts.AsNoTracking().Where(d => d.InterviewId == interviewId).OrderBy(d => d.Id).ToListAsync();
    }

    protected static KeyboardEventArgs CtrlEnter { get; } = new() { Key = "Enter", Code = "Enter", CtrlKey = true };

    /// <summary>The text a box shows: Blazor's binding renders it as the value.</summary>
    protected static string BoxValue<T>(IRenderedComponent<T> cut, string selector) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find(selector).GetAttribute("value") ?? "";

    protected sealed record LiveSession(int Id, int FirstGuestId, int SecondGuestId);
}
