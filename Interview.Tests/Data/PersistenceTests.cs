using Interview.Domain.Audit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Data;

public sealed class PersistenceTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ASessionWithGuestsEntriesAndACorrectionRoundTrips()
    {
        var (sessionId, _) = await LiveSessionAsync();
        await using (var db = _database.CreateDbContext())
        {
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            var guest = session.Guests.Single();
            db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered("各位网友大家好"), Now.AddMinutes(1)));
            db.Entries.Add(session.AppendEntry(EntryKind.Guest, guest.Name, Rendered("接种率为 **30%**"), Now.AddMinutes(2), guest.Id));
            await db.SaveChangesAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            var entry = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.InterviewId == sessionId && e.Seq == 2);
            entry.Correct(Rendered("接种率为 **35%**"), "更正数据", Now.AddMinutes(5));
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateDbContext();
        var stored = await read.Interviews.AsNoTracking().SingleAsync(i => i.Id == sessionId);
        var entries = await read.Entries.AsNoTracking().Include(e => e.Revisions)
            .Where(e => e.InterviewId == sessionId).OrderBy(e => e.Seq).ToListAsync();

        Assert.Equal("秋冬季流感防控在线访谈", stored.Title);
        Assert.Equal(InterviewStatus.Live, stored.Status);
        Assert.Equal(2, stored.LastSeq);
        Assert.Equal("李卫东", Assert.Single(stored.Guests).Name);
        Assert.Equal(Now.AddDays(1), stored.ScheduledStart);
        Assert.Equal([1, 2], entries.Select(e => e.Seq));
        Assert.Equal("嘉宾 李卫东", entries[1].SpeakerLabel);
        Assert.Contains("<strong>35%</strong>", entries[1].Html, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(5), entries[1].CorrectedAt);
        var revision = Assert.Single(entries[1].Revisions);
        Assert.Equal("接种率为 **30%**", revision.Markdown);
        Assert.Equal("更正数据", revision.Note);
    }

    [Fact]
    public async Task TimesKeepTheirInstantAndSortInTheDatabase()
    {
        var columnId = await ColumnAsync();
        await using (var db = _database.CreateDbContext())
        {
            var beijing = new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.FromHours(8));
            var utcLater = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero);
            db.Interviews.Add(InterviewSession.Create(columnId, "甲", null, utcLater, utcLater.AddHours(1), Now));
            db.Interviews.Add(InterviewSession.Create(columnId, "乙", null, beijing, beijing.AddHours(1), Now));
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateDbContext();
        var ordered = await read.Interviews.OrderBy(i => i.ScheduledStart).Select(i => i.Title).ToListAsync();
        var after = await read.Interviews
            .Where(i => i.ScheduledStart > new DateTimeOffset(2026, 1, 1, 0, 45, 0, TimeSpan.Zero)).Select(i => i.Title).ToListAsync();

        Assert.Equal(["乙", "甲"], ordered);
        Assert.Equal(["甲"], after);
    }

    [Fact]
    public async Task TwoEntriesCannotShareASeqInOneSession()
    {
        var (sessionId, _) = await LiveSessionAsync();
        await using var db = _database.CreateDbContext();

        var error = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO Entries (InterviewId, Seq, Kind, Speaker, Markdown, Html, Text, PublishedAt) VALUES ({0}, 1, 'Host', '', 'a', 'a', 'a', '2026');
            INSERT INTO Entries (InterviewId, Seq, Kind, Speaker, Markdown, Html, Text, PublishedAt) VALUES ({0}, 1, 'Host', '', 'b', 'b', 'b', '2026');
            """, sessionId));

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublisherWorkingFromAStaleCopyCannotReuseASeq()
    {
        var (sessionId, _) = await LiveSessionAsync();
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        var a = await first.Interviews.SingleAsync(i => i.Id == sessionId);
        var b = await second.Interviews.SingleAsync(i => i.Id == sessionId);

        first.Entries.Add(a.AppendEntry(EntryKind.Host, null, Rendered("甲"), Now));
        await first.SaveChangesAsync();
        second.Entries.Add(b.AppendEntry(EntryKind.Host, null, Rendered("乙"), Now));

        // Refused by the LastSeq concurrency token or the unique (session, seq) index, whichever SQLite meets first.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());
        await using var read = _database.CreateDbContext();
        Assert.Equal(1, await read.Entries.CountAsync(e => e.InterviewId == sessionId));
    }

    [Fact]
    public async Task ForeignKeysAreEnforced()
    {
        await using var db = _database.CreateDbContext();
        db.Interviews.Add(InterviewSession.Create(columnId: 12345, "无栏目", null, Now, Now.AddHours(1), Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task TheDatabaseUsesWriteAheadLogging()
    {
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task QuestionsKeepTheOriginalTextBesideTheEdit()
    {
        var (sessionId, _) = await LiveSessionAsync();
        await using (var db = _database.CreateDbContext())
        {
            var question = Question(sessionId, "原始 提问");
            question.Approve("审核员甲", "编辑后的提问", Now);
            db.Questions.Add(question);
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateDbContext();
        var stored = await read.Questions.SingleAsync();
        Assert.Equal(("原始 提问", "编辑后的提问", QuestionStatus.Approved), (stored.OriginalText, stored.Text, stored.Status));
    }

    [Fact]
    public async Task QuestionFlagsAndTheClientKeyRoundTripAndAnUnflaggedQuestionHasNoFlags()
    {
        var (sessionId, _) = await LiveSessionAsync();
        await using (var db = _database.CreateDbContext())
        {
            db.Questions.Add(global::Interview.Domain.Questions.Question.Submit(sessionId, "R1", "市民", "问题一", null, Now, clientKey: "k1",
                flags: [new QuestionFlag(FlagKind.SensitiveWord, "测试词（全局词表 v2）"), new QuestionFlag(FlagKind.PersonalData, "手机号")]));
            db.Questions.Add(global::Interview.Domain.Questions.Question.Submit(sessionId, "R2", "市民", "问题二", null, Now));
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateDbContext();
        var stored = await read.Questions.AsNoTracking().OrderBy(q => q.Receipt).ToListAsync();
        Assert.Equal([FlagKind.SensitiveWord, FlagKind.PersonalData], stored[0].Flags.Select(f => f.Kind));
        Assert.Equal("测试词（全局词表 v2）", stored[0].Flags[0].Detail);
        Assert.Equal("k1", stored[0].ClientKey);
        Assert.Empty(stored[1].Flags);
    }

    [Fact]
    public async Task TheAuditLogRefusesEditsAndDeletions()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.AuditLog.Add(AuditEntry.Record(Now, "admin@example.gov.cn", "interview.transition", "interview/1", "ok", "127.0.0.1"));
            await db.SaveChangesAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            var entry = await db.AuditLog.SingleAsync();
            db.AuditLog.Remove(entry);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        await using var read = _database.CreateDbContext();
        Assert.Equal(1, await read.AuditLog.CountAsync());
    }

    private async Task<int> ColumnAsync()
    {
        await using var db = _database.CreateDbContext();
        var column = Column.Create("卫健在线", $"health-{Guid.NewGuid():N}"[..20]);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        return column.Id;
    }

    private async Task<(int SessionId, int ColumnId)> LiveSessionAsync()
    {
        var columnId = await ColumnAsync();
        await using var db = _database.CreateDbContext();
        var session = SessionIn(InterviewStatus.Live, columnId);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return (session.Id, columnId);
    }
}
