using System.Globalization;
using System.Text;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Interview.Bench.Search;

/// <summary>
/// The site's own database (the migrations of Interview.Web, the same file layout) in a throw-away folder, filled
/// with published sessions of generated text straight through SQL: the setup is not what is measured.
/// </summary>
public sealed class BenchDatabase(string directory) : IBenchDatabase
{
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
        using var connection = new SqliteConnection(InterviewServices.ConnectionString(directory));
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=OFF;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "INSERT INTO Columns (Name, Slug, Description, SortOrder) VALUES ('卫健在线', 'health', '', 0), ('政策解读', 'policy', '', 1), ('民生热线', 'hotline', '', 2);");
        using var rows = new Rows(connection, transaction);
        var filled = BenchRows.Generate(rows, entries, perSession, seed, progress);
        transaction.Commit();
        Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        return filled;
    }

    public string Describe()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return $"SQLite {command.ExecuteScalar()} ({SQLitePCL.raw.GetNativeLibraryName()}); folder {directory}";
    }

    public long Size() => CheckpointedSize();

    public void Drop()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class Rows : IBenchRows, IDisposable
    {
        private readonly SqliteCommand _session;
        private readonly SqliteCommand _guest;
        private readonly SqliteCommand _entry;
        private readonly SqliteCommand _question;

        public Rows(SqliteConnection connection, SqliteTransaction transaction)
        {
            _session = Command(connection, transaction, """
                INSERT INTO Interviews (ColumnId, Title, SummaryMarkdown, SummaryHtml, ScheduledStart, ScheduledEnd, Status, CreatedAt,
                  UpdatedAt, StartedAt, EndedAt, PublishedAt, LastSeq, RequiresReview)
                VALUES ($column, $title, $summary, '<p>' || $summary || '</p>', $start, $end, 'Published', $start, $published, $start, $end,
                  $published, $last, 0) RETURNING Id
                """);
            _guest = Command(connection, transaction,
                "INSERT INTO Guests (InterviewId, Name, Position, Organization, Bio, SortOrder) VALUES ($id, $name, $position, $organization, '', $order)");
            _entry = Command(connection, transaction, """
                INSERT INTO Entries (InterviewId, Seq, Kind, Speaker, Markdown, Html, Text, PublishedAt, IsPrepared)
                VALUES ($id, $seq, $kind, $speaker, $text, '<p>' || $text || '</p>', $text, $at, 0)
                """);
            _question = Command(connection, transaction, """
                INSERT INTO Questions (InterviewId, Receipt, Nickname, OriginalText, Text, Status, SubmittedAt, DecidedAt, DecidedBy, AnsweredLater)
                VALUES ($id, $receipt, $nickname, $text, $text, 'Approved', $at, $at, 'bench', 0)
                """);
        }

        public long Session(int column, string title, string summary, DateTimeOffset start, DateTimeOffset end, DateTimeOffset published, int lastSeq) =>
            (long)Bind(_session, ("$column", column), ("$title", title), ("$summary", summary), ("$start", Utc(start)),
                ("$end", Utc(end)), ("$published", Utc(published)), ("$last", lastSeq)).ExecuteScalar()!;

        public void Guest(long id, string name, string position, string organization, int order) =>
            Bind(_guest, ("$id", id), ("$name", name), ("$position", position), ("$organization", organization), ("$order", order)).ExecuteNonQuery();

        public void Entry(long id, int seq, string kind, string speaker, string text, DateTimeOffset at) =>
            Bind(_entry, ("$id", id), ("$seq", seq), ("$kind", kind), ("$speaker", speaker), ("$text", text), ("$at", Utc(at))).ExecuteNonQuery();

        public void Question(long id, string receipt, string nickname, string text, DateTimeOffset at) =>
            Bind(_question, ("$id", id), ("$receipt", receipt), ("$nickname", nickname), ("$text", text), ("$at", Utc(at))).ExecuteNonQuery();

        public void Dispose()
        {
            _session.Dispose();
            _guest.Dispose();
            _entry.Dispose();
            _question.Dispose();
        }
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
