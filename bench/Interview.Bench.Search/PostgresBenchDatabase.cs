using System.Globalization;
using System.Text;
using Interview.Web.Data;
using Interview.Web.Data.Postgres;
using Interview.Web.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Interview.Bench.Search;

/// <summary>
/// A throw-away database on the PostgreSQL server of <paramref name="serverConnection"/> (made and dropped here), with
/// the product's tables and the search index from the site's PostgreSQL migrations, filled by <c>COPY</c>.
/// </summary>
public sealed class PostgresBenchDatabase(string serverConnection) : IBenchDatabase
{
    private const int SessionsPerCopy = 500;
    private readonly string _name = $"interview_search_bench_{Guid.NewGuid():N}"[..40];

    private string ConnectionString => new NpgsqlConnectionStringBuilder(serverConnection) { Database = _name }.ConnectionString;

    /// <summary>A context as the site makes it on PostgreSQL (its provider settings and context type).</summary>
    public InterviewDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<InterviewDbContext>();
        DatabaseServices.Configure(builder, new Interview.Web.DatabaseOptions
        {
            Provider = Interview.Web.DatabaseOptions.Postgres,
            ConnectionString = ConnectionString,
        }, dataDirectory: "");
        return new PostgresInterviewDbContext(builder.Options);
    }

    public string Describe()
    {
        using var connection = new NpgsqlConnection(serverConnection);
        connection.Open();
        return $"PostgreSQL {connection.PostgreSqlVersion}; database {_name}";
    }

    public async Task CreateAsync()
    {
        await using (var server = new NpgsqlConnection(serverConnection))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" ENCODING 'UTF8' TEMPLATE template0", server);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = CreateDbContext();
        // The product's tables and the search index as the site's PostgreSQL migrations make them.
        await db.Database.MigrateAsync();
    }

    public Filled Fill(int entries, int perSession, int seed, Action<int>? progress = null)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using (var columns = new NpgsqlCommand("""
            INSERT INTO "Columns" ("Id", "Name", "Slug", "Description", "SortOrder")
            VALUES (1, '卫健在线', 'health', '', 0), (2, '政策解读', 'policy', '', 1), (3, '民生热线', 'hotline', '', 2)
            """, connection))
        {
            columns.ExecuteNonQuery();
        }
        var rows = new Rows(connection);
        var filled = BenchRows.Generate(rows, entries, perSession, seed, progress);
        rows.Flush();
        // As a database the site has been writing to for a while is: vacuumed (hint bits set, visibility map), so the
        // rebuild that follows neither rewrites every page it reads nor races autovacuum for the disk and a core.
        using (var vacuum = new NpgsqlCommand("VACUUM (FREEZE, ANALYZE)", connection) { CommandTimeout = 0 })
        {
            vacuum.ExecuteNonQuery();
        }
        return filled;
    }

    public long Size()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)command.ExecuteScalar()!;
    }

    public void Drop()
    {
        NpgsqlConnection.ClearAllPools();
        using var server = new NpgsqlConnection(serverConnection);
        server.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", server);
        drop.ExecuteNonQuery();
    }

    /// <summary>Rows in COPY's text form, a few hundred sessions at a time, parents before children.</summary>
    private sealed class Rows(NpgsqlConnection connection) : IBenchRows
    {
        private readonly StringBuilder _sessions = new();
        private readonly StringBuilder _guests = new();
        private readonly StringBuilder _entries = new();
        private readonly StringBuilder _questions = new();
        private long _lastId;
        private int _pending;

        public long Session(int column, string title, string summary, DateTimeOffset start, DateTimeOffset end, DateTimeOffset published, int lastSeq)
        {
            if (_pending == SessionsPerCopy)
            {
                Flush();
            }
            _pending++;
            Line(_sessions, ++_lastId, column, title, summary, $"<p>{summary}</p>", Utc(start), Utc(end), "Published", Utc(start),
                Utc(published), Utc(start), Utc(end), Utc(published), lastSeq, "f");
            return _lastId;
        }

        public void Guest(long id, string name, string position, string organization, int order) =>
            Line(_guests, id, name, position, organization, "", order);

        public void Entry(long id, int seq, string kind, string speaker, string text, DateTimeOffset at) =>
            Line(_entries, id, seq, kind, speaker, text, $"<p>{text}</p>", text, Utc(at), "f");

        public void Question(long id, string receipt, string nickname, string text, DateTimeOffset at) =>
            Line(_questions, id, receipt, nickname, text, text, "Approved", Utc(at), Utc(at), "bench", "f");

        public void Flush()
        {
            Copy("""
                "Interviews" ("Id", "ColumnId", "Title", "SummaryMarkdown", "SummaryHtml", "ScheduledStart", "ScheduledEnd", "Status",
                  "CreatedAt", "UpdatedAt", "StartedAt", "EndedAt", "PublishedAt", "LastSeq", "RequiresReview")
                """, _sessions);
            Copy("""
                "Guests" ("InterviewId", "Name", "Position", "Organization", "Bio", "SortOrder")
                """, _guests);
            Copy("""
                "Entries" ("InterviewId", "Seq", "Kind", "Speaker", "Markdown", "Html", "Text", "PublishedAt", "IsPrepared")
                """, _entries);
            Copy("""
                "Questions" ("InterviewId", "Receipt", "Nickname", "OriginalText", "Text", "Status", "SubmittedAt", "DecidedAt",
                  "DecidedBy", "AnsweredLater")
                """, _questions);
            _pending = 0;
        }

        private void Copy(string table, StringBuilder lines)
        {
            using (var copy = connection.BeginTextImport($"COPY {table} FROM STDIN"))
            {
                copy.Write(lines.ToString());
            }
            lines.Clear();
        }

        private static void Line(StringBuilder into, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    into.Append('\t');
                }
                var text = Convert.ToString(values[i], CultureInfo.InvariantCulture)!;
                into.Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
                    .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal));
            }
            into.Append('\n');
        }

        /// <summary>A timestamptz in COPY's text form (UTC).</summary>
        private static string Utc(DateTimeOffset instant) =>
            instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }
}
