using System.Data.Common;
using System.Text;
using Interview.Tests.Support.Servers;
using Interview.Web.Search;
using Npgsql;

namespace Interview.Tests.Search;

/// <summary>
/// The search store tests on PostgreSQL: a <c>tsvector</c> under GIN, in a database made by the schema script a
/// PostgreSQL migration runs (<see cref="PostgresSearchSchema.CreateSql"/>); and what only this store has: filtering by
/// the scope's sessions, the script being safe to run twice, and the GIN index that reads use.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchStoreTests(PostgresServer server) : SearchStoreTests
{
    private static readonly SemaphoreSlim CorpusLock = new(1, 1);
    private static readonly SearchScope Everything = new(null, null, null, null);
    private static string? _corpus;

    protected override async Task<DbConnection> OpenCorpusAsync()
    {
        await CorpusLock.WaitAsync();
        try
        {
            if (_corpus is null)
            {
                var connectionString = await NewDatabaseAsync();
                await using (var connection = await OpenAsync(connectionString))
                {
                    await WriteCorpusAsync(connection);
                }
                _corpus = connectionString;
            }
        }
        finally
        {
            CorpusLock.Release();
        }
        return await OpenAsync(_corpus);
    }

    protected override async Task<DbConnection> OpenEmptyAsync() => await OpenAsync(await NewDatabaseAsync());

    internal override ISearchWriter Writer(DbConnection connection, DbTransaction transaction) =>
        new PostgresSearchWriter((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

    internal override ISearchReader Reader(DbConnection connection) => new PostgresSearchReader((NpgsqlConnection)connection, Source);

    [Fact]
    public async Task AFilteredSearchKeepsToTheSessionsInScope()
    {
        await using var connection = await OpenCorpusAsync();
        var reader = Reader(connection);
        var query = SearchQuery.Parse("医保");

        var policyOnly = reader.Newest(query, new SearchScope(7, null, null, null) { Sessions = [2] }, 0, 100);
        var none = reader.Count(query, new SearchScope(7, null, null, null) { Sessions = [] }, 100);

        Assert.NotEmpty(policyOnly);
        Assert.All(policyOnly, r => Assert.Equal(2, r.InterviewId));
        Assert.Equal(reader.Newest(query, new SearchScope(null, null, null, null), 0, 100).Count(r => r.InterviewId == 2), policyOnly.Count);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public async Task TheSchemaScriptMayRunAgainAndKeepsTheIndex()
    {
        await using var connection = await OpenEmptyAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Upsert(new SearchDocument(1, SearchDocKind.Session, 0, "脚本重跑"));
            }
            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, PostgresSearchSchema.CreateSql);

        Assert.Single(Reader(connection).Newest(SearchQuery.Parse("重跑"), new SearchScope(null, null, null, null), 0, 20));
        Assert.Equal("CREATE INDEX ix_search_docs_tokens_0 ON public.search_docs USING gin (tokens) WITH (fastupdate=off) WHERE (half = 0)\n" +
            "CREATE INDEX ix_search_docs_tokens_1 ON public.search_docs USING gin (tokens) WITH (fastupdate=off) WHERE (half = 1)",
            await ScalarAsync(connection, "SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'ix_search_docs_tokens%' ORDER BY indexname"));
    }

    /// <summary>
    /// A rebuild writes vectors in <c>tsvector</c>'s binary form, which the server takes as they are: they must be
    /// exactly what the text form (an upsert's) becomes, or the two kinds of rows would match differently. Lexemes out
    /// of UTF-16 order (﨎 U+FA0E against 𠮷 U+20BB7, a surrogate pair), Latin, breaks, a pair past 256 repeats and a
    /// document past the last position are the cases where sorting, merging and capping could differ.
    /// </summary>
    [Fact]
    public async Task ARebuildWritesTheVectorsTheTextFormMakes()
    {
        string[] texts =
        [
            "医保政策，﨎𠮷与吉：H1N1、PM2.5 和 ＡＰＰ 12345",
            string.Concat(Enumerable.Repeat("医保", 300)),
            string.Concat(Enumerable.Range(0, 17_000).Select(i => (char)('一' + (i % 500)))) + "末尾医保",
            "",
        ];
        await using var connection = await OpenEmptyAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Clear();
                for (var i = 0; i < texts.Length; i++)
                {
                    writer.Insert(TokenizedDocument.Of(new SearchDocument(1, SearchDocKind.Entry, i + 1, texts[i]), new StringBuilder(), new StringBuilder(), []), i + 1);
                }
                writer.FinishBulkLoad();
            }
            await transaction.CommitAsync();
        }

        for (var i = 0; i < texts.Length; i++)
        {
            await using var command = new NpgsqlCommand("SELECT tokens::text, @text::tsvector::text FROM search_docs WHERE ref = @ref", (NpgsqlConnection)connection);
            command.Parameters.AddWithValue("text", PostgresTokens.Vector(
                TokenizedDocument.Of(new SearchDocument(1, SearchDocKind.Entry, i + 1, texts[i]), new StringBuilder(), new StringBuilder(), []), new StringBuilder()));
            command.Parameters.AddWithValue("ref", i + 1);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(reader.GetString(1), reader.GetString(0));
        }
    }

    /// <summary>
    /// A search's statements run without JIT (compiling one cost more than running it), and only they: the pooled
    /// connection keeps the server's setting for whoever uses it next.
    /// </summary>
    [Fact]
    public async Task SearchesRunWithoutJitAndLeaveTheConnectionAsItWas()
    {
        await using var connection = await OpenCorpusAsync();
        var before = await ScalarAsync(connection, "SELECT current_setting('jit')");

        await using (var command = new NpgsqlCommand(PostgresSearchReader.WithoutJit + "SELECT current_setting('jit')", (NpgsqlConnection)connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.NextResultAsync());
            Assert.True(await reader.ReadAsync());
            Assert.Equal("off", reader.GetString(0));
        }

        Assert.Equal("on", before);
        Assert.Equal(before, await ScalarAsync(connection, "SELECT current_setting('jit')"));
    }

    /// <summary>
    /// A character has a key of its own only where it starts no pair, as a text's last one (略); 保 and 策 of 医保政策，策略
    /// are found as the prefixes of 保政 and 策·策 (<see cref="PostgresTokens.Query"/>).
    /// </summary>
    [Fact]
    public async Task OnlyACharacterThatStartsNoPairHasAKeyOfItsOwn()
    {
        var tokens = TokenizedDocument.Of(new SearchDocument(1, SearchDocKind.Entry, 1, "医保政策，策略"), new StringBuilder(), new StringBuilder(), []);
        await using var connection = await OpenEmptyAsync();

        Assert.Equal("'保政':2 '医保':1 '政策':3 '略' '策·策':4 '策略':5", await ScalarAsync(connection, "SELECT @query::tsvector::text",
            PostgresTokens.Vector(tokens, new StringBuilder())));
        Assert.Equal("('保':*)", PostgresTokens.Query(SearchQuery.Parse("保").Terms));
    }

    /// <summary>
    /// A word the rebuild found in more than 5,000 documents is counted from <c>search_common</c> without reading rows,
    /// less every change since: removals that bring it under the limit, and additions that bring it back, are counted
    /// exactly, whichever way the reader counts.
    /// </summary>
    [Fact]
    public async Task ACommonWordsCountAllowsForEveryChangeSinceTheRebuild()
    {
        const int Common = SearchService.CountLimit + 10;
        await using var connection = await OpenEmptyAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Clear();
                for (var i = 1; i <= Common + 5; i++)
                {
                    var text = i <= Common ? $"医保报销第{i}条" : "其他内容";
                    writer.Insert(TokenizedDocument.Of(new SearchDocument(1, SearchDocKind.Entry, i, text), new StringBuilder(), new StringBuilder(), []), i);
                }
                writer.FinishBulkLoad();
            }
            await transaction.CommitAsync();
        }
        var limit = SearchService.CountLimit + 1;
        (int, bool) Count(string query) => Reader(connection).Count(SearchQuery.Parse(query), Everything, limit);

        Assert.Equal(Common.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(connection, "SELECT docs::text FROM search_common WHERE lexeme = '医保'"));
        Assert.Equal((limit, true), Count("医保"));
        Assert.Equal((limit, true), Count("医"));
        Assert.Equal(Enumerable.Range(Common - 19, 20).Reverse(), Reader(connection).Newest(SearchQuery.Parse("医保"), Everything, 0, 20).Select(r => r.Reference));

        await ChangeAsync(writer =>
        {
            for (var i = 1; i <= 20; i++)
            {
                writer.Remove(1, SearchDocKind.Entry, i);
            }
        });
        Assert.Equal((Common - 20, true), Count("医保"));
        Assert.Equal((Common - 20, true), Count("医"));

        await ChangeAsync(writer =>
        {
            for (var i = 1; i <= 11; i++)
            {
                writer.Upsert(new SearchDocument(2, SearchDocKind.Entry, i, "医保"));
            }
        });
        Assert.Equal((limit, true), Count("医保"));

        await ChangeAsync(writer => writer.Upsert(new SearchDocument(2, SearchDocKind.Entry, 1, "更正后不再提及")));
        Assert.Equal((SearchService.CountLimit, true), Count("医保"));

        async Task ChangeAsync(Action<ISearchWriter> change)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            using (var writer = Writer(connection, transaction))
            {
                change(writer);
            }
            await transaction.CommitAsync();
        }
    }

    /// <summary>A rebuild counts tokens as numbers: every kind of token comes back as it went in.</summary>
    [Theory]
    [InlineData("医")]
    [InlineData("医保")]
    [InlineData("保·政")]
    [InlineData("𠮷")]
    [InlineData("𠮷吉")]
    [InlineData("吉·𠮷")]
    [InlineData("h1")]
    public void ACountedTokenComesBackAsItWas(string token) =>
        Assert.Equal(token, PostgresLexemeCounts.Token(PostgresLexemeCounts.Key(token)));

    [Fact]
    public async Task ARareWordIsReadThroughTheGinIndex()
    {
        await using var connection = await OpenCorpusAsync();
        // The corpus is small enough for a sequential scan to be cheaper; forbid it to see what the index can do.
        await ExecuteAsync(connection, "SET enable_seqscan = off");

        var plan = await ScalarAsync(connection, $"EXPLAIN SELECT id FROM search_docs WHERE {PostgresSearchReader.MatchSql} ORDER BY id DESC LIMIT 20",
            PostgresTokens.Query(SearchQuery.Parse("公积金").Terms));

        Assert.Contains("ix_search_docs_tokens_0", plan, StringComparison.Ordinal);
        Assert.Contains("ix_search_docs_tokens_1", plan, StringComparison.Ordinal);
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var connection = await OpenAsync(connectionString);
        await ExecuteAsync(connection, PostgresSearchSchema.CreateSql);
        return connectionString;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(DbConnection connection, string sql, string? query = null)
    {
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection);
        if (query is not null)
        {
            command.Parameters.AddWithValue("query", query);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
