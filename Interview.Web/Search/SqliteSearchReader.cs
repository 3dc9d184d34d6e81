using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interview.Domain.Interviews;
using Microsoft.Data.Sqlite;

namespace Interview.Web.Search;

/// <summary>
/// The SQL of a search on one open connection. Matches are read newest first, which FTS5 does lazily from its index
/// (ORDER BY rowid DESC LIMIT n stops after n), so a page costs what it shows, not what matches. A query that mixes
/// one-character words (search_chars) with longer ones (search_pairs) reads both tables newest first and intersects
/// them here (<see cref="SearchIntersection"/>).
/// </summary>
internal sealed class SqliteSearchReader(SqliteConnection connection, SearchSource source) : ISearchReader
{
    /// <summary>About 5 ms of intersecting (see <see cref="SearchIntersection"/>).</summary>
    public const int MixedCountSteps = 25_000;

    /// <summary>Matches of <paramref name="query"/> in <paramref name="scope"/>, newest first.</summary>
    public List<DocRow> Newest(SearchQuery query, SearchScope scope, int offset, int limit)
    {
        if (query.IsMixed)
        {
            return Mixed(query, scope, new SearchIntersection.Work()).Skip(offset).Take(limit).ToList();
        }
        using var command = Select(query, scope, "d.id, d.interview_id, d.kind, d.ref", "ORDER BY m.rowid DESC LIMIT $limit OFFSET $offset");
        SqliteSearchWriter.Bind(command, ("$limit", limit), ("$offset", offset));
        return Read(command, limit);
    }

    /// <summary>
    /// How many documents match, counting no further than <paramref name="limit"/>; and whether the count is complete
    /// up to that limit. A mixed query stops counting after <see cref="MixedCountSteps"/> steps of work: its count is
    /// then the matches found so far, a lower bound.
    /// </summary>
    public (int Count, bool Complete) Count(SearchQuery query, SearchScope scope, int limit)
    {
        if (query.IsMixed)
        {
            var work = new SearchIntersection.Work();
            var count = 0;
            var matches = scope.IsEverything ? Intersection(query, work).Select(_ => 0) : Mixed(query, scope, work).Select(_ => 0);
            foreach (var _ in matches)
            {
                if (++count == limit || work.Steps > MixedCountSteps)
                {
                    return (count, count == limit);
                }
            }
            return (count, true);
        }
        using var inner = Select(query, scope, "1", "LIMIT $limit");
        inner.CommandText = $"SELECT count(*) FROM ({inner.CommandText})";
        SqliteSearchWriter.Bind(inner, ("$limit", limit));
        return (Convert.ToInt32(inner.ExecuteScalar(), CultureInfo.InvariantCulture), true);
    }

    /// <summary>The number of documents in the index (for the weight of rare words).</summary>
    public long DocumentCount()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM search_docs";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The plain text of each document, as indexed.</summary>
    public Dictionary<long, DocText> Texts(IReadOnlyCollection<DocRow> rows)
    {
        var texts = new Dictionary<long, DocText>(rows.Count);
        if (rows.Count == 0)
        {
            return texts;
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, e.Text, e.Kind, e.Speaker FROM json_each($ids) j
              JOIN search_docs d ON d.id = j.value JOIN Entries e ON e.InterviewId = d.interview_id AND e.Seq = d.ref
              WHERE d.kind = 1
            UNION ALL
            SELECT d.id, q.Text, 'Question', q.Nickname FROM json_each($ids) j
              JOIN search_docs d ON d.id = j.value JOIN Questions q ON q.Id = d.ref
              WHERE d.kind = 2
            """;
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(rows.Select(r => r.Id)));
        using (var reader = command.ExecuteReader())
        {
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

    public DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private IEnumerable<long> Intersection(SearchQuery query, SearchIntersection.Work work) =>
        SearchIntersection.Newest(connection, ("search_pairs", query.PairsMatch!), ("search_chars", query.CharsMatch!), work);

    /// <summary>A mixed query's matches in the scope, looked up in growing batches (a first page needs few).</summary>
    private IEnumerable<DocRow> Mixed(SearchQuery query, SearchScope scope, SearchIntersection.Work work)
    {
        var batch = new List<long>();
        var size = 32;
        foreach (var id in Intersection(query, work))
        {
            batch.Add(id);
            if (batch.Count == size)
            {
                foreach (var row in Rows(batch, scope))
                {
                    yield return row;
                }
                batch.Clear();
                size = Math.Min(size * 2, 1024);
            }
        }
        foreach (var row in Rows(batch, scope))
        {
            yield return row;
        }
    }

    private List<DocRow> Rows(List<long> ids, SearchScope scope)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        using var command = Scoped(new StringBuilder("SELECT d.id, d.interview_id, d.kind, d.ref FROM json_each($ids) j JOIN search_docs d ON d.id = j.value "),
            scope, "WHERE 1 = 1 ", "ORDER BY d.id DESC");
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        return Read(command, ids.Count);
    }

    private static List<DocRow> Read(SqliteCommand command, int capacity)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<DocRow>(capacity);
        while (reader.Read())
        {
            rows.Add(new DocRow(reader.GetInt64(0), reader.GetInt32(1), (SearchDocKind)reader.GetInt32(2), reader.GetInt32(3)));
        }
        return rows;
    }

    /// <summary>One table's matches (the query has no mix of one-character and longer words).</summary>
    private SqliteCommand Select(SearchQuery query, SearchScope scope, string columns, string tail)
    {
        var main = query.PairsMatch is not null ? "search_pairs" : "search_chars";
        var command = Scoped(new StringBuilder($"SELECT {columns} FROM {main} m JOIN search_docs d ON d.id = m.rowid "),
            scope, $"WHERE m.{main} MATCH $match ", tail);
        SqliteSearchWriter.Bind(command, ("$match", query.PairsMatch ?? query.CharsMatch));
        return command;
    }

    /// <summary>Adds the scope's joins and conditions to a select over <c>search_docs d</c>.</summary>
    private SqliteCommand Scoped(StringBuilder sql, SearchScope scope, string where, string tail)
    {
        if (scope.JoinsSession)
        {
            sql.Append("JOIN Interviews i ON i.Id = d.interview_id ");
        }
        sql.Append(where);
        if (scope.ColumnId is not null)
        {
            sql.Append("AND i.ColumnId = $column ");
        }
        if (scope.From is not null)
        {
            sql.Append("AND i.ScheduledStart >= $from AND i.ScheduledStart < $until ");
        }
        if (scope.Organization is not null)
        {
            sql.Append("AND EXISTS (SELECT 1 FROM Guests g WHERE g.InterviewId = d.interview_id AND g.Organization = $organization) ");
        }
        sql.Append(tail);
        var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        SqliteSearchWriter.Bind(command,
            ("$column", scope.ColumnId),
            ("$from", Utc(scope.From)),
            ("$until", Utc(scope.Until)),
            ("$organization", scope.Organization));
        return command;
    }

    /// <summary>Times are stored as fixed-width UTC text (see InterviewDbContext), which compares as text.</summary>
    private static string? Utc(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
