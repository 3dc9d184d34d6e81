using System.Data.Common;
using System.Text;
using Interview.Web.Search;
using Interview.Web.Text;

namespace Interview.Tests.Search;

/// <summary>
/// Every search store (the index of one database provider) gives the same answers for the same documents: the oracle
/// corpus's entries are written through the store's writer and every oracle query must find exactly the entries whose
/// text contains it (two-character words exactly, reversed pairs never, one character, Latin in any case or width,
/// punctuation as a break, several words, phrases), newest first; a rebuild's bulk load, a correction and a removal
/// behave alike. The subclasses say where the index lives.
/// </summary>
public abstract class SearchStoreTests
{
    private const int Health = 1;
    private const int Policy = 2;

    public static TheoryData<string> Queries => SearchOracleTests.Queries;

    /// <summary>The corpus's published entries: 卫健在线's session (1) indexed before 政策解读's (2).</summary>
    private static readonly List<SearchDocument> Documents =
    [
        .. SearchOracleTests.Corpus.HealthTexts.Select((text, i) => new SearchDocument(Health, SearchDocKind.Entry, i + 1, text)),
        .. SearchOracleTests.Corpus.PolicyTexts.Select((text, i) => new SearchDocument(Policy, SearchDocKind.Entry, i + 1, text)),
    ];

    private static readonly SearchScope Everything = new(null, null, null, null);

    /// <summary>An open connection to an index that holds <see cref="Documents"/>, written once per class by upserts.</summary>
    protected abstract Task<DbConnection> OpenCorpusAsync();

    /// <summary>An open connection to a new, empty index.</summary>
    protected abstract Task<DbConnection> OpenEmptyAsync();

    internal abstract ISearchWriter Writer(DbConnection connection, DbTransaction transaction);

    internal abstract ISearchReader Reader(DbConnection connection);

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task EveryQueryFindsExactlyTheDocumentsThatContainIt(string query)
    {
        var expected = Documents.Where(d => Oracle.Matches(d.Text, query)).Select(d => (d.InterviewId, d.Reference)).ToList();
        await using var connection = await OpenCorpusAsync();
        var reader = Reader(connection);
        var parsed = SearchQuery.Parse(query);

        var found = reader.Newest(parsed, Everything, 0, 1000);
        var (count, complete) = reader.Count(parsed, Everything, 1000);

        Assert.Equal(expected.Order(), found.Select(r => (r.InterviewId, r.Reference)).Order());
        Assert.Equal(found.Select(r => r.Id).OrderDescending(), found.Select(r => r.Id));
        Assert.Equal((expected.Count, true), (count, complete));
    }

    [Fact]
    public async Task NewestFirstIsTheOrderOfIndexingAndPagesFollowIt()
    {
        await using var connection = await OpenCorpusAsync();
        var reader = Reader(connection);
        var query = SearchQuery.Parse("的");

        var all = reader.Newest(query, Everything, 0, 1000);
        var pages = reader.Newest(query, Everything, 0, 20).Concat(reader.Newest(query, Everything, 20, 20)).Concat(reader.Newest(query, Everything, 40, 20));

        Assert.True(all.Count > 20, $"only {all.Count} matches");
        Assert.Equal(Policy, all[0].InterviewId);
        Assert.Equal(all, pages);
        Assert.Equal(20, reader.Count(query, Everything, 20).Count);
    }

    [Fact]
    public async Task ManyMatchesAreTheSameWhicheverWayTheStoreReadsThem()
    {
        await using var connection = await OpenCorpusAsync();
        var query = SearchQuery.Parse("的");
        var all = Reader(connection).Newest(query, Everything, 0, 1000);
        // A count that stops at its limit tells the store the matches are many (PostgreSQL then reads differently).
        var reader = Reader(connection);
        Assert.Equal(5, reader.Count(query, Everything, 5).Count);

        Assert.Equal(all.Take(20), reader.Newest(query, Everything, 0, 20));
        Assert.Equal(all.Skip(20).Take(20), reader.Newest(query, Everything, 20, 20));
        Assert.Equal(all, reader.Newest(query, Everything, 0, 1000));
    }

    [Fact]
    public async Task ABulkLoadAsARebuildDoesItFindsWhatUpsertsFind()
    {
        await using var connection = await OpenEmptyAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Clear();
                writer.PrepareBulkLoad();
                var id = 0;
                foreach (var document in Documents)
                {
                    writer.Insert(TokenizedDocument.Of(document, new StringBuilder(), new StringBuilder(), []), ++id);
                }
                writer.FinishBulkLoad();
                writer.SetVersion(SearchSchema.Version);
            }
            await transaction.CommitAsync();
        }
        var reader = Reader(connection);

        foreach (var query in new[] { "医保", "保医", "医", "h1n1", "医保 报销", "税 发票", "pm2.5" })
        {
            var expected = Documents.Where(d => Oracle.Matches(d.Text, query)).Select(d => (d.InterviewId, d.Reference)).Order();
            Assert.Equal(expected, reader.Newest(SearchQuery.Parse(query), Everything, 0, 1000).Select(r => (r.InterviewId, r.Reference)).Order());
        }
        // Documents added after a rebuild are newer than every rebuilt one (a reader serves one search: a new one).
        var added = await UpsertAsync(connection, new SearchDocument(Policy, SearchDocKind.Entry, 99, "医保之后"));
        Assert.Equal(added, Reader(connection).Newest(SearchQuery.Parse("医保"), Everything, 0, 1).Single().Id);
    }

    [Fact]
    public async Task ACorrectionReplacesTheWordsAndKeepsItsPlaceInNewestFirst()
    {
        await using var connection = await OpenEmptyAsync();
        var first = await UpsertAsync(connection, new SearchDocument(Health, SearchDocKind.Entry, 1, "更正前的说法"));
        await UpsertAsync(connection, new SearchDocument(Health, SearchDocKind.Entry, 2, "后来的说法"));

        var corrected = await UpsertAsync(connection, new SearchDocument(Health, SearchDocKind.Entry, 1, "更正后的说法"));

        var reader = Reader(connection);
        Assert.Equal(first, corrected);
        Assert.Empty(reader.Newest(SearchQuery.Parse("更正前"), Everything, 0, 20));
        Assert.Equal([(1, first)], reader.Newest(SearchQuery.Parse("更正后"), Everything, 0, 20).Select(r => (r.Reference, r.Id)));
        Assert.Equal([2, 1], reader.Newest(SearchQuery.Parse("说法"), Everything, 0, 20).Select(r => r.Reference));
    }

    [Fact]
    public async Task ARemovedDocumentAndARolledBackOneAreNotFound()
    {
        await using var connection = await OpenEmptyAsync();
        await UpsertAsync(connection, new SearchDocument(Health, SearchDocKind.Question, 7, "撤下的问题"));
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Remove(Health, SearchDocKind.Question, 7);
                Assert.False(writer.HasDocuments(Health));
            }
            await transaction.CommitAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (var writer = Writer(connection, transaction))
            {
                writer.Upsert(new SearchDocument(Policy, SearchDocKind.Entry, 1, "未提交的问题"));
                Assert.True(writer.HasDocuments(Policy));
            }
            await transaction.RollbackAsync();
        }

        var reader = Reader(connection);
        Assert.Empty(reader.Newest(SearchQuery.Parse("问题"), Everything, 0, 20));
        Assert.Equal(0, reader.Count(SearchQuery.Parse("问"), Everything, 20).Count);
    }

    /// <summary>Writes <see cref="Documents"/> one by one, as publishing does.</summary>
    protected async Task WriteCorpusAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var document in Documents)
        {
            await UpsertAsync(connection, document);
        }
    }

    private async Task<long> UpsertAsync(DbConnection connection, SearchDocument document)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        long id;
        using (var writer = Writer(connection, transaction))
        {
            id = writer.Upsert(document);
        }
        await transaction.CommitAsync();
        return id;
    }

    private protected static SearchSource Source { get; } = new(new MarkdownRenderer());
}
