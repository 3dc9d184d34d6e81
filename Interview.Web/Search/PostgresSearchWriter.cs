using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Interview.Web.Search;

/// <summary>
/// Writes index rows in PostgreSQL inside the caller's transaction. A document is one row (<see cref="PostgresSearchSchema"/>);
/// replacing it is one <c>INSERT … ON CONFLICT</c>, which keeps its id, and so its place in newest-first order, and
/// lets two instances index at once. A rebuild fills a fresh table by <c>COPY</c> in batches, on a connection of its
/// own (so the server writes while this one reads the product's tables), indexes it once on two connections and puts
/// it in place of the old one when done (<see cref="FinishBulkLoad"/>); until the caller's transaction commits,
/// searches read the old table and other writers wait, as they wait for SQLite's write lock.
/// </summary>
internal sealed class PostgresSearchWriter(NpgsqlConnection connection, NpgsqlTransaction? transaction) : ISearchWriter
{
    private const int CopyBatch = 4096;
    private readonly List<(long Id, TokenizedDocument Tokens)> _pending = [];
    private readonly StringBuilder _pairs = new();
    private readonly StringBuilder _chars = new();
    private readonly StringBuilder _vector = new();
    private readonly HashSet<int> _seen = [];
    /// <summary>A rebuild's count of documents per pair and character, for <c>search_common</c>.</summary>
    private readonly PostgresLexemeCounts _documents = new();
    private bool _rebuilding;
    private NpgsqlConnection? _copyConnection;
    private NpgsqlTransaction? _copyTransaction;
    private Task? _copying;

    /// <summary>Commands for the product's tables (SearchSource); pending rebuild rows need not be written first.</summary>
    public DbCommand Command(string sql) => Sql(sql);

    public long Upsert(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Flush();
        using var command = Sql("""
            INSERT INTO search_docs (interview_id, kind, ref, tokens) VALUES (@interview, @kind, @ref, @tokens::tsvector)
            ON CONFLICT (interview_id, kind, ref) DO UPDATE SET tokens = EXCLUDED.tokens
            RETURNING id;
            """ + DrawChange);
        var tokens = TokenizedDocument.Of(document, _pairs, _chars, _seen);
        SqlParameters.Bind(command, ("@interview", document.InterviewId), ("@kind", (int)document.Kind), ("@ref", document.Reference),
            ("@tokens", PostgresTokens.Vector(tokens, _vector)));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Put after a document's write or removal, in the same command: one draw of <c>search_changes_seq</c>, so counts
    /// taken from <c>search_common</c> allow for it (<see cref="PostgresSearchSchema.CommonRebuildSql"/>).
    /// </summary>
    private const string DrawChange = "\nSELECT nextval('search_changes_seq');";

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
        using var command = Sql("DELETE FROM search_docs WHERE interview_id = @interview AND kind = @kind AND ref = @ref;" + DrawChange);
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
    /// Starts a rebuild: locks the index against other writers (readers go on) and makes the empty table to fill, on
    /// a connection of the rebuild's own (<see cref="PostgresSearchSchema.RebuildTable"/>).
    /// </summary>
    public void Clear()
    {
        using (var command = Sql("LOCK TABLE search_docs IN EXCLUSIVE MODE"))
        {
            command.ExecuteNonQuery();
        }
        _copyConnection = OpenClone();
        _copyTransaction = _copyConnection.BeginTransaction();
        using (var command = new NpgsqlCommand(PostgresSearchSchema.CreateRebuildSql, _copyConnection, _copyTransaction))
        {
            command.ExecuteNonQuery();
        }
        _rebuilding = true;
    }

    public void PrepareBulkLoad()
    {
    }

    /// <summary>
    /// Commits the filled table, builds its indexes on two connections at once (two cores) and puts it in the old
    /// table's place in the caller's transaction.
    /// </summary>
    public void FinishBulkLoad()
    {
        Flush();
        WaitForCopy();
        if (!_rebuilding)
        {
            return;
        }
        _copyTransaction!.Commit();
        _copyTransaction = null;
        var second = OpenClone();
        try
        {
            Task.WaitAll(
                Task.Run(() => Index(_copyConnection!, PostgresSearchSchema.IndexRebuildSql[0])),
                Task.Run(() => Index(second, PostgresSearchSchema.IndexRebuildSql[1])));
        }
        finally
        {
            second.Dispose();
        }
        using (var command = Sql(PostgresSearchSchema.SwapRebuildSql))
        {
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }
        using (var command = Sql(PostgresSearchSchema.CommonRebuildSql))
        {
            var common = _documents.Above(SearchService.CountLimit);
            command.Parameters.AddWithValue("lexemes", common.Select(d => d.Token).ToArray());
            command.Parameters.AddWithValue("docs", common.Select(d => d.Documents).ToArray());
            command.ExecuteNonQuery();
        }
        _documents.Clear();
        _rebuilding = false;

        static void Index(NpgsqlConnection on, string sql)
        {
            using var transaction = on.BeginTransaction();
            using (var command = new NpgsqlCommand(sql, on, transaction) { CommandTimeout = 0 })
            {
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    public void SetVersion(int version)
    {
        using var command = Sql("""
            INSERT INTO search_meta (key, value) VALUES ('version', @version)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """);
        SqlParameters.Bind(command, ("@version", PostgresSearchSchema.StoredVersion(version)));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Hands the rows a rebuild has given so far to the copying connection, in the background: this connection goes on
    /// reading the product's tables while the server writes them. One batch copies at a time, in order.
    /// </summary>
    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = _pending.ToArray();
        _pending.Clear();
        WaitForCopy();
        _copying = Task.Run(() => Copy(_copyConnection!, batch, _documents));
    }

    /// <summary>Waits for the batch being copied, if any; its failure is the rebuild's.</summary>
    private void WaitForCopy()
    {
        var copying = _copying;
        _copying = null;
        copying?.GetAwaiter().GetResult();
    }

    /// <summary>Copies a batch and counts its documents into <paramref name="documents"/> (one batch at a time).</summary>
    private static void Copy(NpgsqlConnection on, (long Id, TokenizedDocument Tokens)[] batch, PostgresLexemeCounts documents)
    {
        // Binary: the server takes each vector as it is, where the text form is parsed and sorted there. FREEZE: the
        // table is new in this transaction, so its rows are written visible to all, and no first read rewrites them.
        using var copy = on.BeginBinaryImport(
            $"COPY {PostgresSearchSchema.RebuildTable} (id, interview_id, kind, ref, tokens) FROM STDIN (FORMAT BINARY, FREEZE)");
        foreach (var (id, tokens) in batch)
        {
            var document = tokens.Document;
            copy.StartRow();
            copy.Write(id, NpgsqlDbType.Bigint);
            copy.Write(document.InterviewId, NpgsqlDbType.Integer);
            copy.Write((int)document.Kind, NpgsqlDbType.Integer);
            copy.Write(document.Reference, NpgsqlDbType.Integer);
            // tsvector's binary form, written as bytes: binary COPY hands each field to the column type's receive.
            copy.Write(PostgresTokens.BinaryVector(tokens, documents), NpgsqlDbType.Bytea);
        }
        copy.Complete();
    }

    private NpgsqlCommand Sql(string sql) => new(sql, connection, transaction);

    /// <summary>A new connection to the same database (the rebuild's own), open.</summary>
    private NpgsqlConnection OpenClone()
    {
        var clone = (NpgsqlConnection)((ICloneable)connection).Clone();
        clone.Open();
        return clone;
    }

    /// <summary>
    /// Rows not flushed belong to a rebuild that did not finish: they are dropped with its connection's transaction
    /// (or, once committed, the table is dropped by the next rebuild).
    /// </summary>
    public void Dispose()
    {
        _pending.Clear();
        try
        {
            WaitForCopy();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // The rebuild failed already; its error is the one that matters, and the rows go with the transaction.
        }
        _copyTransaction?.Dispose();
        _copyConnection?.Dispose();
        _copyTransaction = null;
        _copyConnection = null;
    }
}
