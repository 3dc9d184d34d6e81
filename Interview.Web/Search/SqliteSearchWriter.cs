using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Interview.Web.Search;

/// <summary>
/// Writes index rows on a connection inside the caller's transaction, with statements prepared once. It knows the
/// tables, not where documents come from.
/// </summary>
internal sealed class SqliteSearchWriter : ISearchWriter
{
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _insertDoc;
    private readonly SqliteCommand _nextId;
    private readonly SqliteCommand _insertPairs;
    private readonly SqliteCommand _insertChars;
    private readonly SqliteCommand _delete;
    private readonly StringBuilder _pairs = new();
    private readonly StringBuilder _chars = new();
    private readonly HashSet<int> _seen = [];

    public SqliteSearchWriter(SqliteConnection connection, SqliteTransaction? transaction)
    {
        Connection = connection;
        Transaction = transaction;
        _find = Command("SELECT id FROM search_docs WHERE interview_id = $interview AND kind = $kind AND ref = $ref");
        // No RETURNING, nor anything else that opens a statement savepoint: FTS5 writes out its buffered tokens at every
        // savepoint, and a rebuild that did so per document would be several times slower.
        _insertDoc = Command("INSERT INTO search_docs (id, interview_id, kind, ref) VALUES ($id, $interview, $kind, $ref)");
        _nextId = Command("SELECT coalesce(max(id), 0) + 1 FROM search_docs");
        _insertPairs = Command("INSERT INTO search_pairs (rowid, body) VALUES ($id, $body)");
        _insertChars = Command("INSERT INTO search_chars (rowid, body) VALUES ($id, $body)");
        _delete = Command("""
            DELETE FROM search_pairs WHERE rowid = $id;
            DELETE FROM search_chars WHERE rowid = $id;
            DELETE FROM search_docs WHERE id = $id;
            """);
    }

    public SqliteConnection Connection { get; }
    public SqliteTransaction? Transaction { get; }

    DbCommand ISqlCommands.Command(string sql) => Command(sql);

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public long? Find(int interviewId, SearchDocKind kind, int reference)
    {
        Bind(_find, ("$interview", interviewId), ("$kind", (int)kind), ("$ref", reference));
        return _find.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>Adds or replaces a document. A replaced one keeps its id, and so its place in newest-first order.</summary>
    public long Upsert(SearchDocument document)
    {
        var id = Find(document.InterviewId, document.Kind, document.Reference);
        if (id is { } existing)
        {
            Delete(existing);
        }
        return Insert(TokenizedDocument.Of(document, _pairs, _chars, _seen), id ?? NextId());
    }

    /// <summary>The id a new document gets: after every other, so it is the newest.</summary>
    public long NextId() => (long)_nextId.ExecuteScalar()!;

    /// <summary>Adds a tokenized document under <paramref name="rowid"/>.</summary>
    public long Insert(TokenizedDocument tokens, long rowid)
    {
        var document = tokens.Document;
        Bind(_insertDoc, ("$id", rowid), ("$interview", document.InterviewId), ("$kind", (int)document.Kind), ("$ref", document.Reference));
        _insertDoc.ExecuteNonQuery();
        Bind(_insertPairs, ("$id", rowid), ("$body", tokens.Pairs));
        _insertPairs.ExecuteNonQuery();
        Bind(_insertChars, ("$id", rowid), ("$body", tokens.Chars));
        _insertChars.ExecuteNonQuery();
        return rowid;
    }

    public void Remove(int interviewId, SearchDocKind kind, int reference)
    {
        if (Find(interviewId, kind, reference) is { } id)
        {
            Delete(id);
        }
    }

    public void Delete(long id)
    {
        Bind(_delete, ("$id", id));
        _delete.ExecuteNonQuery();
    }

    public bool HasDocuments(int interviewId)
    {
        using var command = Command("SELECT EXISTS (SELECT 1 FROM search_docs WHERE interview_id = $interview)");
        Bind(command, ("$interview", interviewId));
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>Empties the index and recreates its full-text tables with the current definition.</summary>
    public void Clear()
    {
        using var command = Command(SearchSchema.DropFullTextSql + SearchSchema.FullTextSql + "DELETE FROM search_docs;");
        command.ExecuteNonQuery();
    }

    /// <summary>Merges the full-text tables' segments into one, for the fastest reads after a rebuild.</summary>
    public void FinishBulkLoad()
    {
        using var command = Command("""
            INSERT INTO search_pairs (search_pairs) VALUES ('optimize');
            INSERT INTO search_chars (search_chars) VALUES ('optimize');
            """);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A bulk load: a larger in-memory buffer of tokens (fewer, larger segments to merge). The setting is kept in the
    /// table and only changes how often it flushes.
    /// </summary>
    public void PrepareBulkLoad()
    {
        using var command = Command("""
            INSERT INTO search_pairs (search_pairs, rank) VALUES ('hashsize', 33554432);
            INSERT INTO search_chars (search_chars, rank) VALUES ('hashsize', 33554432);
            """);
        command.ExecuteNonQuery();
    }

    public void SetVersion(int version)
    {
        using var command = Command("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('version', $version)");
        Bind(command, ("$version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        command.ExecuteNonQuery();
    }

    public static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }

    public void Dispose()
    {
        _find.Dispose();
        _insertDoc.Dispose();
        _nextId.Dispose();
        _insertPairs.Dispose();
        _insertChars.Dispose();
        _delete.Dispose();
    }
}
