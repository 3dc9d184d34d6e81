using System.Globalization;
using System.Text;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Interview.Bench.Search;

/// <summary>What was generated: sessions, entries, documents and the UTF-8 size of all the text the index covers.</summary>
public sealed record Filled(int Sessions, int Entries, int Questions, long RawTextBytes);

/// <summary>
/// The site's own database (the migrations of Interview.Web, the same file layout) in a throw-away folder, filled
/// with published sessions of generated text straight through SQL: the setup is not what is measured.
/// </summary>
public sealed class BenchDatabase(string directory) : IDbContextFactory<InterviewDbContext>
{
    private static readonly DateTimeOffset FirstSession = new(2016, 1, 4, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly DbContextOptions<InterviewDbContext> _options = new DbContextOptionsBuilder<InterviewDbContext>()
        .UseSqlite(InterviewServices.ConnectionString(directory)).Options;

    public string FilePath => Path.Combine(directory, "interview.db");

    public InterviewDbContext CreateDbContext() => new(_options);

    public async Task CreateAsync()
    {
        Directory.CreateDirectory(directory);
        await using var db = CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
    }

    /// <summary>Published sessions of <paramref name="perSession"/> entries each, two approved questions and two guests.</summary>
    public Filled Fill(int entries, int perSession, int seed, Action<int>? progress = null)
    {
        var corpus = new Corpus(seed);
        using var connection = new SqliteConnection(InterviewServices.ConnectionString(directory));
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=OFF;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "INSERT INTO Columns (Name, Slug, Description, SortOrder) VALUES ('卫健在线', 'health', '', 0), ('政策解读', 'policy', '', 1), ('民生热线', 'hotline', '', 2);");
        using var session = Command(connection, transaction, """
            INSERT INTO Interviews (ColumnId, Title, SummaryMarkdown, SummaryHtml, ScheduledStart, ScheduledEnd, Status, CreatedAt,
              UpdatedAt, StartedAt, EndedAt, PublishedAt, LastSeq, RequiresReview)
            VALUES ($column, $title, $summary, '<p>' || $summary || '</p>', $start, $end, 'Published', $start, $published, $start, $end,
              $published, $last, 0) RETURNING Id
            """);
        using var guest = Command(connection, transaction,
            "INSERT INTO Guests (InterviewId, Name, Position, Organization, Bio, SortOrder) VALUES ($id, $name, $position, $organization, '', $order)");
        using var entry = Command(connection, transaction, """
            INSERT INTO Entries (InterviewId, Seq, Kind, Speaker, Markdown, Html, Text, PublishedAt, IsPrepared)
            VALUES ($id, $seq, $kind, $speaker, $text, '<p>' || $text || '</p>', $text, $at, 0)
            """);
        using var question = Command(connection, transaction, """
            INSERT INTO Questions (InterviewId, Receipt, Nickname, OriginalText, Text, Status, SubmittedAt, DecidedAt, DecidedBy, AnsweredLater)
            VALUES ($id, $receipt, $nickname, $text, $text, 'Approved', $at, $at, 'bench', 0)
            """);
        long raw = 0;
        var sessions = 0;
        var questions = 0;
        for (var written = 0; written < entries; sessions++)
        {
            corpus.NextSession();
            var count = Math.Min(perSession, entries - written);
            var start = FirstSession.AddHours(sessions * 4.1);
            var title = corpus.Title();
            var summary = corpus.NextText(160);
            var id = (long)Bind(session, ("$column", sessions % 3 + 1), ("$title", title), ("$summary", summary), ("$start", Utc(start)),
                ("$end", Utc(start.AddHours(1))), ("$published", Utc(start.AddDays(1))), ("$last", count)).ExecuteScalar()!;
            var sessionText = new StringBuilder(title).Append('\n').Append(summary);
            for (var g = 0; g < 2; g++)
            {
                var (name, position, organization) = corpus.Guest();
                Bind(guest, ("$id", id), ("$name", name), ("$position", position), ("$organization", organization), ("$order", g)).ExecuteNonQuery();
                sessionText.Append('\n').Append(name).Append('\n').Append(position).Append('\n').Append(organization);
            }
            raw += Encoding.UTF8.GetByteCount(sessionText.ToString());
            for (var seq = 1; seq <= count; seq++)
            {
                var text = corpus.NextEntry();
                raw += Encoding.UTF8.GetByteCount(text);
                var (kind, speaker) = (seq % 3) switch
                {
                    0 => ("Host", ""),
                    1 => ("Question", corpus.Nickname()),
                    _ => ("Guest", "嘉宾"),
                };
                Bind(entry, ("$id", id), ("$seq", seq), ("$kind", kind), ("$speaker", speaker), ("$text", text),
                    ("$at", Utc(start.AddMinutes(seq)))).ExecuteNonQuery();
            }
            for (var q = 0; q < 2; q++)
            {
                var text = corpus.NextText(50);
                raw += Encoding.UTF8.GetByteCount(text);
                Bind(question, ("$id", id), ("$receipt", $"bench{id}q{q}"), ("$nickname", corpus.Nickname()), ("$text", text),
                    ("$at", Utc(start.AddDays(-1)))).ExecuteNonQuery();
                questions++;
            }
            written += count;
            if (sessions % 2000 == 0)
            {
                progress?.Invoke(written);
            }
        }
        transaction.Commit();
        Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new Filled(sessions, entries, questions, raw);
    }

    /// <summary>The database file's size with everything written back from the WAL.</summary>
    public long CheckpointedSize()
    {
        using (var connection = new SqliteConnection(InterviewServices.ConnectionString(directory)))
        {
            connection.Open();
            Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        return new FileInfo(FilePath).Length;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static SqliteCommand Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value);
            }
        }
        return command;
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
