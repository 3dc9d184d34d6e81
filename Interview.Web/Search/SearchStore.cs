using System.Data;
using System.Data.Common;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Interview.Web.Search;

/// <summary>
/// Where the search index lives: the one seam between the provider-neutral search (<see cref="SearchIndex"/>,
/// <see cref="SearchService"/>, the tokenizer, ranking and snippets) and a database's own full-text engine. SQLite
/// keeps it in FTS5 tables (<see cref="SqliteSearchStore"/>), PostgreSQL in a <c>tsvector</c> column under a GIN
/// index (<see cref="PostgresSearchStore"/>); both are fed the same tokens by <see cref="SearchText.Tokenize"/>.
/// </summary>
internal interface ISearchStore
{
    /// <summary>
    /// Whether the reader wants a filtered search's sessions as a list (<see cref="SearchScope.Sessions"/>) instead of
    /// joining the product's tables itself.
    /// </summary>
    bool ScopesBySessions { get; }

    /// <summary>
    /// What <c>search_meta</c> holds for an index built by tokenization <paramref name="version"/>
    /// (<see cref="SearchSchema.Version"/>) in this store's current layout: a store may change its layout alone.
    /// </summary>
    string StoredVersion(int version);

    /// <summary>A writer on the context's open connection, inside its current transaction if any.</summary>
    ISearchWriter Writer(InterviewDbContext db);

    /// <summary>A reader on the context's open connection.</summary>
    ISearchReader Reader(InterviewDbContext db, SearchSource source);
}

/// <summary>The index's writes; everything runs in the caller's connection and transaction.</summary>
internal interface ISearchWriter : ISqlCommands, IDisposable
{
    /// <summary>Adds or replaces a document. A replaced one keeps its id, and so its place in newest-first order.</summary>
    long Upsert(SearchDocument document);

    /// <summary>Adds a tokenized document under <paramref name="rowid"/> (a rebuild numbers documents itself).</summary>
    long Insert(TokenizedDocument tokens, long rowid);

    void Remove(int interviewId, SearchDocKind kind, int reference);

    bool HasDocuments(int interviewId);

    /// <summary>Empties the index for a rebuild; readers go on seeing the old index until the rebuild commits.</summary>
    void Clear();

    /// <summary>Gets ready for a bulk load of <see cref="Insert"/>s.</summary>
    void PrepareBulkLoad();

    /// <summary>Ends a bulk load: the index is in its fastest form to read.</summary>
    void FinishBulkLoad();

    void SetVersion(int version);
}

/// <summary>The index's reads for one search: a reader may keep what it read (PostgreSQL keeps a count's matches).</summary>
internal interface ISearchReader : ISqlCommands
{
    /// <summary>Matches of <paramref name="query"/> in <paramref name="scope"/>, newest first.</summary>
    List<DocRow> Newest(SearchQuery query, SearchScope scope, int offset, int limit);

    /// <summary>
    /// How many documents match, counting no further than <paramref name="limit"/>; and whether the count is complete
    /// up to that limit (it may stop early and be a lower bound).
    /// </summary>
    (int Count, bool Complete) Count(SearchQuery query, SearchScope scope, int limit);

    /// <summary>The number of documents in the index (for the weight of rare words).</summary>
    long DocumentCount();

    /// <summary>The plain text of each document, as indexed.</summary>
    Dictionary<long, DocText> Texts(IReadOnlyCollection<DocRow> rows);
}

/// <summary>Makes commands on a connection (and its transaction, if any).</summary>
internal interface ISqlCommands
{
    DbCommand Command(string sql);
}

/// <summary>The store of the context's database provider.</summary>
internal static class SearchStores
{
    public static ISearchStore For(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsNpgsql())
        {
            return PostgresSearchStore.Instance;
        }
        if (database.IsSqlite())
        {
            return SqliteSearchStore.Instance;
        }
        throw new NotSupportedException($"Search has no index for the database provider {database.ProviderName}.");
    }
}

/// <summary>Parameters for commands that both providers run (SearchSource): named <c>@name</c>, typed from the value.</summary>
internal static class SqlParameters
{
    public static void Bind(DbCommand command, params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
                continue;
            }
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // PostgreSQL must know a null's type; every nullable parameter here is a number.
                parameter.DbType = DbType.Int32;
            }
            command.Parameters.Add(parameter);
        }
    }
}
