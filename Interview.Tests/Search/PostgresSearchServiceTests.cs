using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Search;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Interview.Tests.Search;

/// <summary>
/// The search services on PostgreSQL, from the product's tables: <see cref="SearchIndex.RebuildAsync"/> reads the
/// published sessions (the SQL of SearchSource on PostgreSQL) into the index, and <see cref="SearchService"/> finds,
/// labels, links and filters as on SQLite. The database is migrated as the site migrates it (the index is part of the
/// PostgreSQL migrations).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchServiceTests(PostgresServer server) : IAsyncLifetime
{
    private readonly MarkdownRenderer _renderer = new();
    private TestDatabase _contexts = null!;
    private int _health;
    private int _policy;
    private int _question;

    public async Task InitializeAsync()
    {
        _contexts = await TestDatabase.CreateAsync(server);
        await using var connection = new NpgsqlConnection(_contexts.ConnectionString);
        await connection.OpenAsync();
        var healthColumn = await IdAsync(connection, """INSERT INTO "Columns" ("Name", "Slug", "Description", "SortOrder") VALUES ('卫健在线', 'health', '', 0) RETURNING "Id" """);
        var policyColumn = await IdAsync(connection, """INSERT INTO "Columns" ("Name", "Slug", "Description", "SortOrder") VALUES ('政策解读', 'policy', '', 1) RETURNING "Id" """);
        _health = await SessionAsync(connection, healthColumn, "医疗保障政策解读", "2025-06-03T02:00:00.0000000Z", "Published", ("王卫民", "市医疗保障局"));
        _policy = await SessionAsync(connection, policyColumn, "营商环境政策发布", "2026-03-09T02:00:00.0000000Z", "Published", ("赵敏", "市政务服务中心"));
        var live = await SessionAsync(connection, healthColumn, "直播中的访谈", "2026-04-01T02:00:00.0000000Z", "Live", ("钱进", "市卫生健康委员会"));
        await EntryAsync(connection, _health, 1, "Guest", "王卫民", "医保个人账户可以支付家属的接种费用。");
        await EntryAsync(connection, _health, 2, "Host", "", "保医两个字倒过来写并不常见。");
        await EntryAsync(connection, _health, 3, "Guest", "王卫民", "<b>标签</b> & 医保报销");
        await EntryAsync(connection, _policy, 1, "Host", "", "医保电子凭证的使用方法。");
        await EntryAsync(connection, live, 1, "Host", "", "直播专用词：医保报销也在直播里说。");
        _question = await QuestionAsync(connection, _health, "Approved", "异地就医怎么备案？");
        await QuestionAsync(connection, _health, "Pending", "待审专用词：还没有审核。");
    }

    public async Task DisposeAsync() => await _contexts.DisposeAsync();

    [Fact]
    public async Task ARebuildIndexesThePublishedSessionsAndTheSearchFindsLabelsAndLinks()
    {
        var rebuilt = await new SearchIndex(_contexts, _renderer, NullLogger<SearchIndex>.Instance).RebuildAsync();

        // Health: 3 entries, the approved question and the session; Policy: 1 entry and the session.
        Assert.Equal((2, 7), (rebuilt.Sessions, rebuilt.Documents));
        var search = Search();
        var found = await search.SearchAsync(new SearchRequest("医保", Sort: SearchSort.Newest));
        Assert.Equal([(_policy, 1), (_health, 3), (_health, 1)], found.Items.Select(i => (i.InterviewId, i.Seq ?? 0)));
        Assert.Equal(3, found.Total);
        var answer = found.Items[1];
        Assert.Equal($"/interviews/{_health}#e3", answer.Url);
        Assert.Equal("&lt;b&gt;标签&lt;/b&gt; &amp; <mark>医保</mark>报销", answer.SnippetHtml);
        Assert.Equal("嘉宾 王卫民", answer.Speaker);
        Assert.Equal("医疗保障政策解读", answer.Title);
        Assert.Empty((await search.SearchAsync(new SearchRequest("直播专用词"))).Items);
        Assert.Empty((await search.SearchAsync(new SearchRequest("待审专用词"))).Items);
        var question = Assert.Single((await search.SearchAsync(new SearchRequest("备案"))).Items);
        Assert.Equal((SearchDocKind.Question, $"/interviews/{_health}#q{_question}"), (question.Kind, question.Url));
        var session = Assert.Single((await search.SearchAsync(new SearchRequest("市医疗保障局"))).Items);
        Assert.Equal((SearchDocKind.Session, $"/interviews/{_health}"), (session.Kind, session.Url));
    }

    [Fact]
    public async Task FiltersByColumnYearAndGuestOrganizationAndRanksTheSameMatches()
    {
        await new SearchIndex(_contexts, _renderer, NullLogger<SearchIndex>.Instance).RebuildAsync();
        var search = Search();

        var byColumn = await search.SearchAsync(new SearchRequest("医保", Column: "policy"));
        var byYear = await search.SearchAsync(new SearchRequest("医保", Year: 2025));
        var byOrganization = await search.SearchAsync(new SearchRequest("医保", Organization: "市医疗保障局"));
        var nothing = await search.SearchAsync(new SearchRequest("医保", Year: 2019));
        var ranked = await search.SearchAsync(new SearchRequest("医保", Sort: SearchSort.Relevance));

        Assert.Equal([_policy], byColumn.Items.Select(i => i.InterviewId));
        Assert.Equal([_health, _health], byYear.Items.Select(i => i.InterviewId));
        Assert.Equal([_health, _health], byOrganization.Items.Select(i => i.InterviewId));
        Assert.Empty(nothing.Items);
        Assert.Equal(3, ranked.Items.Count);
        Assert.Equal([2025, 2026], (await search.FiltersAsync()).Years.Order());
    }

    [Fact]
    public async Task APublishedRehearsalIsNeverIndexedOnPostgres()
    {
        await using (var connection = new NpgsqlConnection(_contexts.ConnectionString))
        {
            await connection.OpenAsync();
            var column = await IdAsync(connection, """SELECT "ColumnId" FROM "Interviews" ORDER BY "Id" LIMIT 1""");
            var rehearsal = await SessionAsync(connection, column, "彩排访谈", "2026-05-01T02:00:00.0000000Z", "Published", ("孙彩排", "市彩排局"));
            await using var mark = new NpgsqlCommand($"""UPDATE "Interviews" SET "RehearsalOf" = {_health}, "RehearsalToken" = 'token-{rehearsal}' WHERE "Id" = {rehearsal}""", connection);
            await mark.ExecuteNonQueryAsync();
            await EntryAsync(connection, rehearsal, 1, "Guest", "孙彩排", "彩排专用词：医保彩排答复。");
        }

        var rebuilt = await new SearchIndex(_contexts, _renderer, NullLogger<SearchIndex>.Instance).RebuildAsync();

        Assert.Equal((2, 7), (rebuilt.Sessions, rebuilt.Documents));
        Assert.Equal(0, (await Search().SearchAsync(new SearchRequest("彩排"))).Total);
        Assert.DoesNotContain("市彩排局", (await Search().FiltersAsync()).Organizations);
    }

    private SearchService Search() => new(_contexts, _renderer, new SiteTime(Options.Create(new InterviewOptions())));

    private static async Task<int> SessionAsync(
        NpgsqlConnection connection, int column, string title, string start, string status, (string Name, string Organization) guest)
    {
        var id = await IdAsync(connection, $"""
            INSERT INTO "Interviews" ("ColumnId", "Title", "SummaryMarkdown", "SummaryHtml", "ScheduledStart", "ScheduledEnd", "Status",
              "CreatedAt", "UpdatedAt", "StartedAt", "EndedAt", "PublishedAt", "LastSeq", "RequiresReview")
            VALUES ({column}, '{title}', '', '', '{start}', '{start}', '{status}', '{start}', '{start}', '{start}', '{start}', '{start}', 3, false)
            RETURNING "Id"
            """);
        await IdAsync(connection, $"""
            INSERT INTO "Guests" ("InterviewId", "Name", "Position", "Organization", "Bio", "SortOrder")
            VALUES ({id}, '{guest.Name}', '处长', '{guest.Organization}', '', 0) RETURNING "Id"
            """);
        return id;
    }

    private static Task<int> EntryAsync(NpgsqlConnection connection, int interview, int seq, string kind, string speaker, string text) =>
        IdAsync(connection, $"""
            INSERT INTO "Entries" ("InterviewId", "Seq", "Kind", "Speaker", "Markdown", "Html", "Text", "PublishedAt", "IsPrepared")
            VALUES ({interview}, {seq}, '{kind}', '{speaker}', '', '', '{text}', '2026-01-01T00:00:00.0000000Z', false) RETURNING "Seq"
            """);

    private static Task<int> QuestionAsync(NpgsqlConnection connection, int interview, string status, string text) =>
        IdAsync(connection, $"""
            INSERT INTO "Questions" ("InterviewId", "Receipt", "Nickname", "OriginalText", "Text", "Status", "SubmittedAt", "AnsweredLater")
            VALUES ({interview}, '{Guid.NewGuid():N}', '网友', '{text}', '{text}', '{status}', '2026-01-01T00:00:00.0000000Z', false)
            RETURNING "Id"
            """);

    private static async Task<int> IdAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
