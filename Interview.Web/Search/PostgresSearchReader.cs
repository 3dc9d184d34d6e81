using System.Data.Common;
using System.Globalization;
using Interview.Domain.Interviews;
using Npgsql;

namespace Interview.Web.Search;

/// <summary>
/// The SQL of a search in PostgreSQL: <c>tokens @@ query</c> (through both halves' GIN indexes, <see cref="MatchSql"/>),
/// newest first. How to read the matches depends on how many there are, which the count (asked first, as
/// <see cref="SearchService"/> does) says exactly up to its limit, where the planner's estimate for a rare pair or a
/// phrase can be off a hundredfold:
/// <list type="bullet">
/// <item>the count is the planner's choice, which is sound there: through GIN for a rare word (an estimate too low only
/// makes it choose GIN), reading the table for a word so common that its limit comes within a few thousand rows,
/// where GIN would decode a posting list of most of the table. When fewer than the limit match, the same statement
/// returns them (each match costs a visit to its row either way: PostgreSQL 15 no longer counts from the bitmap
/// alone);</item>
/// <item>fewer than the limit: the count's matches, sorted, sliced into pages (no second pass);</item>
/// <item>more, for a first page: walking the primary key down from the newest row, testing each
/// (<c>ts_match_vq</c>, the function behind <c>@@</c>, which no index serves), where a match is at least one row in a
/// few hundred;</item>
/// <item>more, for a long read (relevance's candidates, a far page): walking down too when the count's rows say the
/// matches are dense enough to be met within <see cref="WalkRows"/> rows, else the planner's choice.</item>
/// </list>
/// A reader serves one search: it keeps what its counts found. A filtered search gets its sessions from
/// <see cref="SearchScope.Sessions"/> instead of joining the product's tables, whose column types differ between
/// providers.
/// </summary>
internal sealed class PostgresSearchReader(NpgsqlConnection connection, SearchSource source) : ISearchReader
{
    /// <summary>A first page reads this many rows or fewer: walking down is quick when matches are not rare.</summary>
    private const int WalkLimit = 100;

    /// <summary>
    /// A longer read (relevance's 1,000 candidates) walks down too when it should meet its matches within this many
    /// rows: a bitmap scan would visit every match, tens of thousands for a common word, where the planner, misled by
    /// a phrase's estimate, chose it for 87,000 matches (0.7 s) that a walk of 12,000 rows reads in a few dozen ms.
    /// </summary>
    private const int WalkRows = 30_000;

    /// <summary>
    /// What a count found: how many (up to its limit), the highest id among the rows it read (they are read in the
    /// table's order, which a rebuild makes the ids' order: so roughly how many rows hold that many matches), and all
    /// the matches newest first when fewer.
    /// </summary>
    private readonly Dictionary<(string Query, IReadOnlyList<int>? Sessions), (int Count, int Limit, long Last, List<DocRow> Rows)> _counts = [];

    public List<DocRow> Newest(SearchQuery query, SearchScope scope, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!_counts.TryGetValue(Key(query, scope), out var known))
        {
            Count(query, scope, SearchService.CountLimit + 1);
            known = _counts[Key(query, scope)];
        }
        var (count, countLimit, last, all) = known;
        if (count < countLimit)
        {
            // The count read every match: the page is a slice of them.
            return all.Skip(offset).Take(limit).ToList();
        }
        const string columns = "id, interview_id, kind, ref";
        const string page = "ORDER BY id DESC LIMIT @limit OFFSET @offset";
        // Rows to walk for this read, if matches lie as densely as among the rows the count read.
        var walkRows = (offset + limit) * ((double)last / count);
        using var command = offset + limit <= WalkLimit || walkRows <= WalkRows
            ? Matching(query, scope, columns, page, "{0}", walk: true)
            : Matching(query, scope, columns, page);
        SqlParameters.Bind(command, ("@limit", limit), ("@offset", offset));
        using var reader = Execute(command);
        var rows = new List<DocRow>(limit);
        while (reader.Read())
        {
            rows.Add(Row(reader, 0));
        }
        return rows;
    }

    /// <summary>
    /// Counts up to <paramref name="limit"/> and, when fewer match, returns them all in the same statement (kept for
    /// <see cref="Newest"/>): the rows the count reads are all the matches then, so a page needs no second pass.
    /// </summary>
    public (int Count, bool Complete) Count(SearchQuery query, SearchScope scope, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_counts.TryGetValue(Key(query, scope), out var known) && limit <= known.Limit)
        {
            // Asked again with no higher limit (relevance weighs a one-word query by that word's count): known.
            return (Math.Min(known.Count, limit), true);
        }
        if (Common(query, scope, limit) is { } common)
        {
            _counts[Key(query, scope)] = common;
            return (limit, true);
        }
        using var command = Matching(query, scope, "id, interview_id, kind, ref", "LIMIT @limit", """
            WITH m AS MATERIALIZED ({0}), c AS (SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM m)
            SELECT c.n, c.last, m.id, m.interview_id, m.kind, m.ref FROM c LEFT JOIN m ON c.n < @limit
            """);
        SqlParameters.Bind(command, ("@limit", limit));
        var count = 0;
        var last = 0L;
        var rows = new List<DocRow>();
        using (var reader = Execute(command))
        {
            while (reader.Read())
            {
                count = (int)reader.GetInt64(0);
                last = reader.GetInt64(1);
                if (!reader.IsDBNull(2))
                {
                    rows.Add(Row(reader, 2));
                }
            }
        }
        rows.Sort((a, b) => b.Id.CompareTo(a.Id));
        _counts[Key(query, scope)] = (count, limit, last, rows);
        return (count, true);
    }

    /// <summary>
    /// A one-word query of one token (a character, a two-character word) in everything, that the last rebuild found in
    /// more than <paramref name="limit"/> documents and that so few changes since cannot have brought under it
    /// (<see cref="PostgresSearchSchema.CommonRebuildSql"/>): counted without reading a row, where an exact count of
    /// 5,001 costs some 5,001 visits to the table (工作, in 12% of a million documents: 120 ms). Its last id is where a
    /// count's rows would have ended, had they been as dense as the word is over the index.
    /// </summary>
    private (int Count, int Limit, long Last, List<DocRow> Rows)? Common(SearchQuery query, SearchScope scope, int limit)
    {
        if (!scope.IsEverything || query.Terms is not [{ Tokens: [var token] }])
        {
            return null;
        }
        using var command = new NpgsqlCommand(PostgresSearchSchema.CommonCountSql, connection);
        command.Parameters.AddWithValue("lexeme", token);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) < limit)
        {
            return null;
        }
        var last = (long)Math.Ceiling(limit * ((double)reader.GetInt64(2) / reader.GetInt32(1)));
        return (limit, limit, last, []);
    }

    public long DocumentCount()
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM search_docs", connection);
        return (long)command.ExecuteScalar()!;
    }

    public Dictionary<long, DocText> Texts(IReadOnlyCollection<DocRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var texts = new Dictionary<long, DocText>(rows.Count);
        if (rows.Count == 0)
        {
            return texts;
        }
        using (var command = new NpgsqlCommand("""
            SELECT d.id, e."Text", e."Kind", e."Speaker" FROM search_docs d
              JOIN "Entries" e ON e."InterviewId" = d.interview_id AND e."Seq" = d.ref
              WHERE d.kind = 1 AND d.id = ANY(@ids)
            UNION ALL
            SELECT d.id, q."Text", 'Question', q."Nickname" FROM search_docs d
              JOIN "Questions" q ON q."Id" = d.ref
              WHERE d.kind = 2 AND d.id = ANY(@ids)
            """, connection))
        {
            command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var kind = Enum.Parse<EntryKind>(reader.GetString(2));
                texts[reader.GetInt64(0)] = new DocText(reader.GetString(1), Text.DisplayNames.Speaker(kind, reader.GetString(3)));
            }
        }
        foreach (var row in rows.Where(r => r.Kind == SearchDocKind.Session))
        {
            if (source.Session(this, row.InterviewId) is { } session)
            {
                texts[row.Id] = new DocText(session.Text, null);
            }
        }
        return texts;
    }

    public DbCommand Command(string sql) => new NpgsqlCommand(sql, connection);

    private static DocRow Row(DbDataReader reader, int first) => new(
        reader.GetInt64(first), reader.GetInt32(first + 1), (SearchDocKind)reader.GetInt32(first + 2), reader.GetInt32(first + 3));

    private static (string, IReadOnlyList<int>?) Key(SearchQuery query, SearchScope scope) =>
        (PostgresTokens.Query(query.Terms), scope.IsEverything ? null : scope.Sessions);

    /// <summary>
    /// A match, written so that each half's partial GIN index serves it (<see cref="PostgresSearchSchema.CreateSql"/>):
    /// the planner may use a partial index only where the condition says its half.
    /// </summary>
    internal const string MatchSql = "(half = 0 AND tokens @@ @query::tsquery OR half = 1 AND tokens @@ @query::tsquery)";

    /// <summary>
    /// Put before a search's statement, in the same command (one implicit transaction): no JIT compilation for it. On
    /// a million documents the planner's costs for reading a few thousand matches pass <c>jit_above_cost</c>, and
    /// compiling took 20 to 500 ms (with inlining) for a statement that runs in 20 ms. And memory enough for a bitmap
    /// of a common word's matches (the default 4 MB made it lossy at a million documents: every row of a lossy page
    /// tested again). Local to the transaction, so the pooled connection keeps the server's settings. (A random page
    /// priced near a sequential one, 1.1, was tried and dropped: the planner then counted a character in a third of a
    /// million rows through GIN, 220 ms, where reading the table finds 5,001 in 30 ms.)
    /// </summary>
    internal const string WithoutJit = "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true);\n";

    /// <summary>Runs a command made by <see cref="Matching"/>, past the result of its <see cref="WithoutJit"/>.</summary>
    private static NpgsqlDataReader Execute(NpgsqlCommand command)
    {
        var reader = command.ExecuteReader();
        reader.NextResult();
        return reader;
    }

    /// <summary>The matching rows' select, placed in <paramref name="outer"/> at <c>{0}</c>.</summary>
    private NpgsqlCommand Matching(SearchQuery query, SearchScope scope, string columns, string tail, string outer = "{0}", bool walk = false)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var sessions = "";
        if (!scope.IsEverything)
        {
            var inScope = scope.Sessions ?? throw new InvalidOperationException("A filtered search on PostgreSQL needs the scope's sessions.");
            command.Parameters.AddWithValue("sessions", inScope.ToArray());
            sessions = "AND interview_id = ANY(@sessions) ";
        }
        var match = walk ? "ts_match_vq(tokens, @query::tsquery)" : MatchSql;
        command.CommandText = WithoutJit + string.Format(CultureInfo.InvariantCulture, outer, $"SELECT {columns} FROM search_docs WHERE {match} {sessions}{tail}");
        command.Parameters.AddWithValue("query", PostgresTokens.Query(query.Terms));
        return command;
    }
}
