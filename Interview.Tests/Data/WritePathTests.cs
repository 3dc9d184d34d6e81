using System.Collections.Concurrent;
using Interview.Domain.Audit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Hosting;
using Interview.Web.Live;
using Interview.Web.Search;
using Microsoft.EntityFrameworkCore;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Data;

/// <summary>
/// The one write path (Interview.Web.Events.WritePath): whatever saves a context, the search index and the audit chain
/// follow in the same transaction, and what was saved is announced only after the commit.
/// </summary>
public sealed class WritePathTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task APlainSaveOfACorrectionInAPublishedSessionUpdatesTheSearchIndex()
    {
        var sessionId = await PublishedSessionAsync("流感疫苗每年都要接种");
        Assert.Equal(1, await FoundAsync("流感疫苗"));

        await using (var db = _database.CreateDbContext())
        {
            var entry = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.InterviewId == sessionId && e.Seq == 1);
            entry.Correct(Rendered("带状疱疹疫苗建议五十岁以上接种"), "更正", Now);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await FoundAsync("带状疱疹"));
        Assert.Equal(0, await FoundAsync("流感疫苗"));
    }

    [Fact]
    public async Task WhenTheIndexCannotBeWrittenNeitherTheChangeNorItsAuditLineIsSaved()
    {
        var sessionId = await PublishedSessionAsync("流感疫苗每年都要接种");
        var linesBefore = await AuditLinesAsync();
        await ExecuteAsync("ALTER TABLE search_docs RENAME TO search_docs_away");
        try
        {
            await using var db = _database.CreateDbContext();
            var entry = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.InterviewId == sessionId && e.Seq == 1);
            entry.Correct(Rendered("带状疱疹疫苗建议五十岁以上接种"), "更正", Now);
            db.AuditLog.Add(AuditEntry.Record(Now, "host@example.gov.cn", "entry.correct", $"interview/{sessionId}", "ok"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE search_docs_away RENAME TO search_docs");
        }

        await using var read = _database.CreateDbContext();
        Assert.Null((await read.Entries.SingleAsync(e => e.InterviewId == sessionId && e.Seq == 1)).CorrectedAt);
        Assert.Equal(linesBefore, await AuditLinesAsync());
    }

    [Fact]
    public async Task AnAuditLineAndItsChangeRollBackTogetherWithTheCallersTransaction()
    {
        var sessionId = await LiveSessionAsync();
        var linesBefore = await AuditLinesAsync();
        await using (var db = _database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered("各位网友大家好"), Now));
            db.AuditLog.Add(AuditEntry.Record(Now, "host@example.gov.cn", "entry.publish", $"interview/{sessionId}", "ok"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var read = _database.CreateDbContext();
        Assert.False(await read.Entries.AnyAsync(e => e.InterviewId == sessionId));
        Assert.Equal(linesBefore, await AuditLinesAsync());
    }

    [Fact]
    public async Task AnnouncementsComeAfterTheCommitAndAListenerSeesTheSavedRow()
    {
        var sessionId = await LiveSessionAsync();
        var heard = new ConcurrentQueue<(LiveEvent Event, bool RowVisible)>();
        using var subscription = _database.Events.Subscribe(sessionId, async e =>
        {
            await using var fresh = _database.CreateDbContext();
            heard.Enqueue((e, await fresh.Entries.AnyAsync(x => x.InterviewId == sessionId && x.Seq == 1)));
        });

        await using (var db = _database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered("各位网友大家好"), Now));
            await db.SaveChangesAsync();
            Assert.Empty(heard);
            await transaction.CommitAsync();
        }

        var (announced, rowVisible) = Assert.Single(heard);
        var published = Assert.IsType<EntryPublished>(announced);
        Assert.Equal(1, published.Entry.Seq);
        Assert.True(rowVisible);
    }

    [Fact]
    public async Task APlainSaveAnnouncesOnceItReturnsAndEachChangeOnlyOnce()
    {
        var sessionId = await LiveSessionAsync();
        var heard = new ConcurrentQueue<LiveEvent>();
        using var subscription = _database.Events.Subscribe(sessionId, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });

        await using (var db = _database.CreateDbContext())
        {
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered("各位网友大家好"), Now));
            await db.SaveChangesAsync();
            // Saving again with nothing new announces nothing more.
            await db.SaveChangesAsync();
        }

        Assert.Equal([1], heard.OfType<EntryPublished>().Select(e => e.Entry.Seq));
        Assert.Single(heard);
    }

    [Fact]
    public async Task AnAnswerToAQuestionIsAnnouncedAsItsEntryAloneAndAQuestionMarkedAnsweredAsADeskChange()
    {
        var sessionId = await LiveSessionAsync();
        var (answered, marked) = (Question(sessionId), Question(sessionId));
        await using (var db = _database.CreateDbContext())
        {
            db.Questions.AddRange(answered, marked);
            answered.Approve("mod@example.gov.cn", null, Now);
            marked.Approve("mod@example.gov.cn", null, Now);
            await db.SaveChangesAsync();
        }
        var heard = new ConcurrentQueue<LiveEvent>();
        using var subscription = _database.Events.Subscribe(sessionId, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });

        await using (var db = _database.CreateDbContext())
        {
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            var question = await db.Questions.SingleAsync(q => q.Id == answered.Id);
            var guest = session.Guests.Single();
            db.Entries.Add(session.AppendEntry(EntryKind.Guest, guest.Name, Rendered("可以同时接种"), Now, guest.Id, question.Id));
            question.MarkAnswered(later: false, Now);
            await db.SaveChangesAsync();
        }
        var afterAnswer = heard.ToList();
        heard.Clear();
        await using (var db = _database.CreateDbContext())
        {
            (await db.Questions.SingleAsync(q => q.Id == marked.Id)).MarkAnswered(later: false, Now);
            await db.SaveChangesAsync();
        }

        Assert.Equal(answered.Id, Assert.IsType<EntryPublished>(Assert.Single(afterAnswer)).Entry.QuestionId);
        Assert.Equal(new DeskChanged(sessionId), Assert.Single(heard));
    }

    [Fact]
    public async Task NothingIsAnnouncedWhenTheSaveFails()
    {
        var sessionId = await LiveSessionAsync();
        var heard = new ConcurrentQueue<LiveEvent>();
        using var subscription = _database.Events.Subscribe(null, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        var one = await first.Interviews.SingleAsync(i => i.Id == sessionId);
        var other = await second.Interviews.SingleAsync(i => i.Id == sessionId);
        first.Entries.Add(one.AppendEntry(EntryKind.Host, null, Rendered("先到"), Now));
        second.Entries.Add(other.AppendEntry(EntryKind.Host, null, Rendered("后到"), Now));
        await first.SaveChangesAsync();
        heard.Clear();

        // Both took seq 1: the second save loses the race and must not tell anyone about an entry that is not there.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.Empty(heard);
    }

    [Fact]
    public async Task NothingIsAnnouncedWhenTheCallersTransactionRollsBackOrIsNeverCommitted()
    {
        var sessionId = await LiveSessionAsync();
        var heard = new ConcurrentQueue<LiveEvent>();
        using var subscription = _database.Events.Subscribe(null, e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });
        await using (var db = _database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
            db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered("撤回"), Now));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            await using (await db.Database.BeginTransactionAsync())
            {
                var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
                session.RequireReview(true, Now);
                await db.SaveChangesAsync();
                // Disposed without a commit: rolled back.
            }
            await using var later = await db.Database.BeginTransactionAsync();
            // A later transaction of the same context commits only what it saved itself.
            db.Columns.Add(Column.Create("政策解读", $"policy-{Guid.NewGuid():N}"[..20]));
            await db.SaveChangesAsync();
            await later.CommitAsync();
        }

        Assert.Empty(heard);
    }

    private async Task<int> FoundAsync(string query)
    {
        var search = new SearchService(_database, Renderer, new SiteTime(Microsoft.Extensions.Options.Options.Create(new Interview.Web.InterviewOptions())));
        return (await search.SearchAsync(new SearchRequest(query))).Total;
    }

    private async Task<int> AuditLinesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.AuditLog.CountAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<int> LiveSessionAsync()
    {
        await using var db = _database.CreateDbContext();
        var column = Column.Create("卫健在线", $"health-{Guid.NewGuid():N}"[..20]);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var session = SessionIn(InterviewStatus.Live, column.Id);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>A session that had one entry, then ended and was published (so it is in the index).</summary>
    private async Task<int> PublishedSessionAsync(string entry)
    {
        var sessionId = await LiveSessionAsync();
        await using var db = _database.CreateDbContext();
        var session = await db.Interviews.SingleAsync(i => i.Id == sessionId);
        db.Entries.Add(session.AppendEntry(EntryKind.Host, null, Rendered(entry), Now));
        await db.SaveChangesAsync();
        session.TransitionTo(InterviewStatus.Ended, Now);
        session.TransitionTo(InterviewStatus.Published, Now);
        await db.SaveChangesAsync();
        return sessionId;
    }
}
