using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Archive;

/// <summary>
/// A site without the demo data and with one column of its own: a published session whose title, citizen question and
/// names are hostile (markup, a script end tag), with photos, a correction made after publication, and questions that
/// were never approved (with phone numbers); an older archive; and a session in each other public state.
/// </summary>
public sealed class ArchiveSite : InterviewFactory, IAsyncLifetime
{
    public const string ColumnSlug = "archive-test";
    public const string Title = "流感防控</script><script>alert(\"x\")</script> **疫苗** & 答问";
    public const string AskedText = "**老人**能打吗？[点我](javascript:alert(1)) <b>急</b> `code`\n# 不是标题\n1. 不是列表\n> 不是引用 | 表 | 格 |";
    public const string PendingText = "还在待审的问题ZQPENDING";
    public const string RejectedText = "已被拒绝的问题ZQREJECTED";
    public const string MergedText = "被合并的问题ZQMERGED";
    public static readonly string[] Phones = ["13812345678", "13900001111", "13700002222", "13600003333"];
    public static readonly DateTimeOffset PublishedAt = Builders.Now.AddDays(-5);
    public static readonly DateTimeOffset CorrectedAt = Builders.Now.AddDays(-4);
    public static readonly DateTimeOffset OlderPublishedAt = Builders.Now.AddDays(-30);

    /// <summary>A real 1×1 PNG, so that a browser can show it.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public ArchiveSite() => With("Interview:SeedDemoData", "false");

    public int ArchiveId { get; private set; }
    public int OlderArchiveId { get; private set; }
    public int LiveId { get; private set; }
    public int ScheduledId { get; private set; }
    public int EndedId { get; private set; }
    public int DraftId { get; private set; }
    public string GuestPhotoUrl { get; private set; } = "";
    public string EntryPhotoUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var images = Services.GetRequiredService<ImageStore>();
        GuestPhotoUrl = await images.SaveAsync(new MemoryStream(Png), "guests");
        EntryPhotoUrl = await images.SaveAsync(new MemoryStream(Png), "live");
        await using var db = await Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        var column = Column.Create("测试栏目", ColumnSlug, "存档功能测试", 0);
        db.Columns.Add(column);
        await db.SaveChangesAsync();

        ArchiveId = await SeedArchiveAsync(db, column.Id);
        OlderArchiveId = await SeedSessionAsync(db, column.Id, "较早的一期访谈", InterviewStatus.Published, OlderPublishedAt);
        LiveId = await SeedSessionAsync(db, column.Id, "正在直播的一期", InterviewStatus.Live, Builders.Now.AddHours(-1));
        ScheduledId = await SeedSessionAsync(db, column.Id, "下周的预告", InterviewStatus.Scheduled, Builders.Now.AddDays(-1));
        EndedId = await SeedSessionAsync(db, column.Id, "刚结束的一期", InterviewStatus.Ended, Builders.Now.AddHours(-3));
        DraftId = await SeedSessionAsync(db, column.Id, "草稿", InterviewStatus.Draft, Builders.Now.AddHours(-2));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private async Task<int> SeedArchiveAsync(InterviewDbContext db, int columnId)
    {
        var start = Builders.Now.AddDays(-6);
        var session = InterviewSession.Create(columnId, Title, Builders.Rendered("本期背景"), start, start.AddHours(1), start.AddDays(-3));
        // The summary is written after the session; the archive and its exports carry it, not the background.
        session.Describe(Title, Builders.Rendered("本期背景"), Builders.Rendered($"本期**摘要**，详见[栏目](/columns/{ColumnSlug})。"), start.AddDays(-3));
        var guest = session.AddGuest("李卫东", "主任", "市疾病预防控制中心", "从事*疾控*工作二十年。", start.AddDays(-3));
        guest.SetPhoto(GuestPhotoUrl);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        session.TransitionTo(InterviewStatus.Scheduled, start.AddDays(-2));

        var asked = Ask(db, session, "网友<b>甲</b>", AskedText, Phones[0], start.AddDays(-1));
        Ask(db, session, "待审网友", PendingText, Phones[1], start.AddDays(-1));
        var rejected = Ask(db, session, "被拒网友", RejectedText, Phones[2], start.AddDays(-1));
        var merged = Ask(db, session, "重复网友", MergedText, Phones[3], start.AddDays(-1));
        await db.SaveChangesAsync();
        asked.Approve("审核员", null, start.AddHours(-2));
        rejected.Reject("审核员", RejectReason.OffTopic, "与主题无关", start.AddHours(-2));
        merged.MergeInto(asked, "审核员", start.AddHours(-2));

        session.TransitionTo(InterviewStatus.Live, start);
        Add(db, session.AppendEntry(EntryKind.Host, "", Builders.Rendered($"欢迎！请看[本栏目](/columns/{ColumnSlug})和[外站](https://www.example.gov.cn/)。"), start));
        Add(db, session.AppendEntry(EntryKind.Question, asked.Nickname, Builders.Renderer.RenderPlain(asked.Text), start.AddMinutes(5), questionId: asked.Id));
        var answer = session.AppendEntry(EntryKind.Guest, guest.Name,
            Builders.Rendered($"可以接种，**两剂**间隔四周。\n\n![现场照片]({EntryPhotoUrl})"), start.AddMinutes(8), guest.Id);
        Add(db, answer);
        asked.MarkAnswered(false, start.AddMinutes(8));
        session.TransitionTo(InterviewStatus.Ended, start.AddHours(1));
        session.TransitionTo(InterviewStatus.Published, PublishedAt);
        await db.SaveChangesAsync();

        // Corrected after publication, without touching the session: the last change must still be seen.
        answer.Correct(Builders.Rendered($"可以接种，**一剂**即可。\n\n![现场照片]({EntryPhotoUrl})"), "更正剂次", CorrectedAt);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static async Task<int> SeedSessionAsync(InterviewDbContext db, int columnId, string title, InterviewStatus status, DateTimeOffset at)
    {
        var session = InterviewSession.Create(columnId, title, Builders.Rendered("背景"), at, at.AddHours(1), at.AddDays(-1));
        session.AddGuest("王敏", "主任", "市第一人民医院", null, at.AddDays(-1));
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        foreach (var next in new[] { InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended, InterviewStatus.Published }.Where(s => s <= status))
        {
            session.TransitionTo(next, at);
            if (next == InterviewStatus.Live)
            {
                Add(db, session.AppendEntry(EntryKind.Host, "", Builders.Rendered("开场"), at));
            }
        }
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static Question Ask(InterviewDbContext db, InterviewSession session, string nickname, string text, string phone, DateTimeOffset at)
    {
        var question = Question.Submit(session.Id, Guid.NewGuid().ToString("N")[..16], nickname, text, phone, at);
        db.Questions.Add(question);
        return question;
    }

    private static void Add(InterviewDbContext db, TranscriptEntry entry) => db.Entries.Add(entry);
}
