using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Search;

/// <summary>
/// The index follows publishing: a session enters it when it is published (in the same transaction), corrections,
/// follow-up answers and description edits of a published session change it, and a rebuild gives the same answers.
/// </summary>
public sealed class SearchIndexingTests(SearchIndexingTests.Site site) : IClassFixture<SearchIndexingTests.Site>
{
    public sealed class Site : SearchSite;

    [Fact]
    public async Task ASessionIsSearchableOnlyOnceItIsPublished()
    {
        var (id, word) = await LiveSessionAsync();
        await site.PublishAsync(id, $"{word}：直播中说的话。");
        var whileLive = await TotalAsync(word);
        await site.MoveAsync(id, InterviewStatus.Ended);
        var whenEnded = await TotalAsync(word);

        await site.MoveAsync(id, InterviewStatus.Published);

        Assert.Equal(0, whileLive);
        Assert.Equal(0, whenEnded);
        // The entry, and the session itself (its title and summary hold the word too).
        Assert.Equal(["entry", "session"], (await site.SearchAllAsync(word)).Select(i => i.GetProperty("kind").GetString()).Order());
    }

    [Fact]
    public async Task PublishingAndIndexingAreOneTransaction()
    {
        var (id, word) = await LiveSessionAsync();
        await site.PublishAsync(id, word);
        await site.MoveAsync(id, InterviewStatus.Ended);
        // Break the index: writing to it now fails, and must take the publication down with it.
        await ExecuteAsync("ALTER TABLE search_docs RENAME TO search_docs_away");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => site.MoveAsync(id, InterviewStatus.Published));
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE search_docs_away RENAME TO search_docs");
        }

        Assert.Equal(InterviewStatus.Ended, await StatusAsync(id));
        Assert.Equal(0, await TotalAsync(word));
        await site.MoveAsync(id, InterviewStatus.Published);
        Assert.Equal(2, await TotalAsync(word));
    }

    [Fact]
    public async Task ACorrectionReplacesTheOldWordingAndKeepsTheEntrysPlace()
    {
        var (id, word) = await PublishedSessionAsync(e => [$"旧说法{e}", $"不变的内容{e}", $"最后一条{e}"]);
        var before = (await site.SearchAllAsync($"内容{word}")).Single();

        await site.CorrectAsync(id, 1, $"新说法{word}");

        Assert.Equal(0, await TotalAsync($"旧说法{word}"));
        var corrected = (await site.SearchAllAsync($"新说法{word}")).Single();
        Assert.Equal(1, corrected.GetProperty("seq").GetInt32());
        Assert.Equal($"/interviews/{id}#e1", corrected.GetProperty("url").GetString());
        // Newest first keeps the corrected entry where it was (it was not published anew).
        var order = (await site.SearchAllAsync(word)).Where(i => i.GetProperty("kind").GetString() == "entry")
            .Select(i => i.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal([3, 2, 1], order);
        Assert.Equal(2, before.GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task AQuestionApprovedAfterItsSessionWasPublishedIsFoundAtOnce()
    {
        var (id, word) = await LiveSessionAsync();
        var question = await site.AskAsync(id, $"迟审的提问{word}");
        await site.MoveAsync(id, InterviewStatus.Ended);
        await site.MoveAsync(id, InterviewStatus.Published);
        Assert.Empty(await site.SearchAllAsync($"迟审的提问{word}"));

        await site.ApproveAsync(question);

        var hit = Assert.Single(await site.SearchAllAsync($"迟审的提问{word}"));
        Assert.Equal("question", hit.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AFollowUpAnswerToAPublishedSessionIsIndexedWhenPublished()
    {
        var (id, word) = await PublishedSessionAsync(e => [$"现场回答{e}"]);

        var seq = await site.PublishAsync(id, $"会后答复{word}", EntryKind.FollowUp);

        var hit = (await site.SearchAllAsync($"会后答复{word}")).Single();
        Assert.Equal(seq, hit.GetProperty("seq").GetInt32());
        // It is the newest document now.
        Assert.Equal(seq, (await site.SearchAllAsync(word, "newest"))[0].GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task EditingAPublishedSessionsTitleSummaryOrGuestsUpdatesItsDocument()
    {
        var (id, word) = await PublishedSessionAsync(e => [$"内容{e}"]);
        var admin = await site.AdminAsync();
        var sessions = site.Services.GetRequiredService<InterviewAdmin>();
        var draft = await sessions.GetAsync(admin, id);

        await sessions.UpdateAsync(admin, id, new InterviewEdit(draft.ColumnId, $"新标题{word}", $"新摘要{word}", draft.ScheduledStart, draft.ScheduledEnd));
        await sessions.UpdateGuestAsync(admin, id, draft.Guests[0].Id, new GuestEdit($"新嘉宾{word}", "处长", $"新单位{word}", null));

        Assert.Equal(0, await TotalAsync($"旧标题{word}"));
        Assert.Equal(0, await TotalAsync($"旧摘要{word}"));
        foreach (var text in new[] { $"新标题{word}", $"新摘要{word}", $"新嘉宾{word}", $"新单位{word}" })
        {
            var hit = (await site.SearchAllAsync(text)).Single();
            Assert.Equal("session", hit.GetProperty("kind").GetString());
        }
        // Every result of the session carries the new title.
        Assert.All(await site.SearchAllAsync(word), i => Assert.Equal($"新标题{word}", i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ARebuildGivesTheSameAnswers()
    {
        await PublishedSessionAsync(e => [$"医保报销{e}", $"保医{e}", $"H1N1流感{e}", "医，保"]);
        string[] queries = ["医保", "保医", "医", "h1n1", "流感 医保", "医，保", "的"];
        var before = new List<List<string>>();
        foreach (var q in queries)
        {
            before.Add((await site.SearchAllAsync(q)).Select(i => i.GetProperty("url").GetString()!).ToList());
        }

        var result = await site.Services.GetRequiredService<SearchIndex>().RebuildAsync();

        Assert.True(result.Documents > 0);
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(before[i], (await site.SearchAllAsync(queries[i])).Select(h => h.GetProperty("url").GetString()!).ToList());
        }
    }

    [Fact]
    public async Task AnIndexOfAnOlderVersionIsRebuiltAtStart()
    {
        var (id, word) = await PublishedSessionAsync(e => [$"重建{e}"]);
        await ExecuteAsync("DELETE FROM search_meta; DELETE FROM search_pairs; DELETE FROM search_chars; DELETE FROM search_docs;");
        Assert.Equal(0, await TotalAsync(word));

        await site.Services.GetRequiredService<SearchIndex>().EnsureCurrentAsync();

        Assert.Equal(id, (await site.SearchAllAsync(word)).First().GetProperty("interviewId").GetInt32());
    }

    [Fact]
    public async Task TheIndexLivesInTheBundledSqliteWithFts5()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var options = connection.CreateCommand();
        options.CommandText = "PRAGMA compile_options";
        var compiled = new List<string>();
        await using (var reader = await options.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                compiled.Add(reader.GetString(0));
            }
        }
        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT sql FROM sqlite_master WHERE name IN ('search_pairs', 'search_chars') ORDER BY name";
        var definitions = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add(reader.GetString(0));
            }
        }

        Assert.Equal("e_sqlite3", SQLitePCL.raw.GetNativeLibraryName());
        Assert.Contains("ENABLE_FTS5", compiled);
        Assert.True(Version.Parse(connection.ServerVersion) >= new Version(3, 43), connection.ServerVersion);
        Assert.Equal(2, definitions.Count);
        Assert.All(definitions, d => Assert.Contains("fts5", d, StringComparison.Ordinal));
    }

    private static int _sessions;

    /// <summary>A live session and a word that occurs nowhere else.</summary>
    private async Task<(int Id, string Word)> LiveSessionAsync()
    {
        var column = await ColumnIdAsync();
        var n = Interlocked.Increment(ref _sessions);
        var word = $"测{Letters(n)}测";
        var id = await site.SessionAsync(column, $"旧标题{word}", $"旧摘要{word}", new DateTimeOffset(2026, 5, n, 10, 0, 0, TimeSpan.FromHours(8)),
            ("李四", "科长", "市统计局"));
        await site.MoveAsync(id, InterviewStatus.Live);
        return (id, word);
    }

    private async Task<(int Id, string Word)> PublishedSessionAsync(Func<string, string[]> texts)
    {
        var (id, word) = await LiveSessionAsync();
        foreach (var text in texts(word))
        {
            await site.PublishAsync(id, text);
        }
        await site.MoveAsync(id, InterviewStatus.Ended, InterviewStatus.Published);
        return (id, word);
    }

    /// <summary>A distinct word per session made of letters no test text contains (x, y, z, q…).</summary>
    private static string Letters(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "qxzjkvwyuo"[d - '0']));

    private async Task<int> TotalAsync(string q) => (await site.SearchAsync(q)).GetProperty("total").GetInt32();

    private async Task<int> ColumnIdAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Columns.Select(c => (int?)c.Id).FirstOrDefaultAsync() ?? await site.ColumnAsync("测试栏目", "test");
    }

    private async Task<InterviewStatus> StatusAsync(int id)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Interviews.Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
