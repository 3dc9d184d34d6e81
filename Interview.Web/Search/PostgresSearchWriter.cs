using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Interview.Web.Search;

/// <summary>
/// Writes index rows in PostgreSQL inside the caller's transaction. A document is one row (<see cref="PostgresSearchSchema"/>);
/// replacing it is one <c>INSERT … ON CONFLICT</c>, which keeps its id, and so its place in newest-first order, and
/// lets two instances index at once. A rebuild fills a fresh table by <c>COPY</c> in batches, indexes it once and puts
/// it in place of the old one when done (<see cref="FinishBulkLoad"/>); until its transaction commits, searches read
/// the old table and other writers wait, as they wait for SQLite's write lock.
/// </summary>
internal sealed class PostgresSearchWriter(NpgsqlConnection connection, NpgsqlTransaction? transaction) : ISearchWriter
{
    private const int CopyBatch = 4096;
    private readonly List<(long Id, TokenizedDocument Tokens)> _pending = [];
    private readonly StringBuilder _pairs = new();
    private readonly StringBuilder _chars = new();
    private readonly StringBuilder _vector = new();
    private readonly HashSet<int> _seen = [];
    private bool _rebuilding;

    /// <summary>Commands for the product's tables (SearchSource); pending rebuild rows need not be written first.</summary>
    public DbCommand Command(string sql) => Sql(sql);

    public long Upsert(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Flush();
        using var command = Sql("""
            INSERT INTO search_docs (interview_id, kind, ref, tokens) VALUES (@interview, @kind, @ref, @tokens::tsvector)
            ON CONFLICT (interview_id, kind, ref) DO UPDATE SET tokens = EXCLUDED.tokens
            RETURNING id
            """);
        var tokens = TokenizedDocument.Of(document, _pairs, _chars, _seen);
        SqlParameters.Bind(command, ("@interview", document.InterviewId), ("@kind", (int)document.Kind), ("@ref", document.Reference),
            ("@tokens", PostgresTokens.Vector(tokens, _vector)));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Only a rebuild inserts: rows wait in memory and go to the new table by <c>COPY</c>, a batch at a time.</summary>
    public long Insert(TokenizedDocument tokens, long rowid)
    {
        if (!_rebuilding)
        {
            throw new InvalidOperationException("Documents are inserted by a rebuild only; use Upsert.");
        }
        _pending.Add((rowid, tokens));
        if (_pending.Count >= CopyBatch)
        {
            Flush();
        }
        return rowid;
    }

    public void Remove(int interviewId, SearchDocKind kind, int reference)
    {
        Flush();
        using var command = Sql("DELETE FROM search_docs WHERE interview_id = @interview AND kind = @kind AND ref = @ref");
        SqlParameters.Bind(command, ("@interview", interviewId), ("@kind", (int)kind), ("@ref", reference));
        command.ExecuteNonQuery();
    }

    public bool HasDocuments(int interviewId)
    {
        Flush();
        using var command = Sql("SELECT EXISTS (SELECT 1 FROM search_docs WHERE interview_id = @interview)");
        SqlParameters.Bind(command, ("@interview", interviewId));
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Starts a rebuild: locks the index against other writers (readers go on) and makes the empty table to fill.
    /// </summary>
    public void Clear()
    {
        using var command = Sql("LOCK TABLE search_docs IN EXCLUSIVE MODE;" + PostgresSearchSchema.CreateRebuildSql);
        command.ExecuteNonQuery();
        _rebuilding = true;
    }

    public void PrepareBulkLoad()
    {
    }

    public void FinishBulkLoad()
    {
        Flush();
        if (!_rebuilding)
        {
            return;
        }
        using var command = Sql(PostgresSearchSchema.SwapRebuildSql);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
        _rebuilding = false;
    }

    public void SetVersion(int version)
    {
        using var command = Sql("""
            INSERT INTO search_meta (key, value) VALUES ('version', @version)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """);
        SqlParameters.Bind(command, ("@version", version.ToString(CultureInfo.InvariantCulture)));
        command.ExecuteNonQuery();
    }

    /// <summary>Writes the rows a rebuild has handed over so far.</summary>
    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        // Binary: the server takes each vector as it is, where the text form is parsed and sorted there. FREEZE: the
        // table is new in this transaction, so its rows are written visible to all, and no first read rewrites them.
        using var copy = connection.BeginBinaryImport(
            $"COPY {PostgresSearchSchema.RebuildTable} (id, interview_id, kind, ref, tokens) FROM STDIN (FORMAT BINARY, FREEZE)");
        foreach (var (id, tokens) in _pending)
        {
            var document = tokens.Document;
            copy.StartRow();
            copy.Write(id, NpgsqlDbType.Bigint);
            copy.Write(document.InterviewId, NpgsqlDbType.Integer);
            copy.Write((int)document.Kind, NpgsqlDbType.Integer);
            copy.Write(document.Reference, NpgsqlDbType.Integer);
            // tsvector's binary form, written as bytes: binary COPY hands each field to the column type's receive.
            copy.Write(PostgresTokens.BinaryVector(tokens), NpgsqlDbType.Bytea);
        }
        copy.Complete();
        _pending.Clear();
    }

    private NpgsqlCommand Sql(string sql) => new(sql, connection, transaction);

    /// <summary>Rows not flushed belong to a rebuild that did not finish: they are dropped with its transaction.</summary>
    public void Dispose() => _pending.Clear();
}
