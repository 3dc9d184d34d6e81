using System.Data.Common;
using System.Globalization;
using Interview.Domain.Interviews;
using Npgsql;

namespace Interview.Web.Search;

/// <summary>
/// The SQL of a search in PostgreSQL: <c>tokens @@ query</c> over the GIN index, newest first. The planner chooses
/// between the GIN index (a rare word: its few matches, sorted) and walking the primary key down from the newest row
/// (a common word: the first rows match), from the statistics <c>ANALYZE</c> keeps on the vector's elements. A
/// filtered search gets its sessions from <see cref="SearchScope.Sessions"/> instead of joining the product's tables,
/// whose column types differ between providers.
/// </summary>
internal sealed class PostgresSearchReader(NpgsqlConnection connection, SearchSource source) : ISearchReader
{
    public List<DocRow> Newest(SearchQuery query, SearchScope scope, int offset, int limit)
    {
        using var command = Matching(query, scope, "id, interview_id, kind, ref", "ORDER BY id DESC LIMIT @limit OFFSET @offset");
        SqlParameters.Bind(command, ("@limit", limit), ("@offset", offset));
        using var reader = command.ExecuteReader();
        var rows = new List<DocRow>(limit);
        while (reader.Read())
        {
            rows.Add(new DocRow(reader.GetInt64(0), reader.GetInt32(1), (SearchDocKind)reader.GetInt32(2), reader.GetInt32(3)));
        }
        return rows;
    }

    public (int Count, bool Complete) Count(SearchQuery query, SearchScope scope, int limit)
    {
        using var command = Matching(query, scope, "1", "LIMIT @limit");
        command.CommandText = $"SELECT count(*) FROM ({command.CommandText}) m";
        SqlParameters.Bind(command, ("@limit", limit));
        return (Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture), true);
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
                texts[reader.GetInt64(0)] = new DocText(reader.GetString(1), TranscriptEntry.Label(kind, reader.GetString(3)));
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

    private NpgsqlCommand Matching(SearchQuery query, SearchScope scope, string columns, string tail)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var sessions = "";
        if (!scope.IsEverything)
        {
            var inScope = scope.Sessions ?? throw new InvalidOperationException("A filtered search on PostgreSQL needs the scope's sessions.");
            command.Parameters.AddWithValue("sessions", inScope.ToArray());
            sessions = "AND interview_id = ANY(@sessions) ";
        }
        command.CommandText = $"SELECT {columns} FROM search_docs WHERE tokens @@ @query::tsquery {sessions}{tail}";
        command.Parameters.AddWithValue("query", PostgresTokens.Query(query.Terms));
        return command;
    }
}
