using Interview.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Interview.Web.Search;

/// <summary>The index in SQLite FTS5 tables beside the product's (<see cref="SearchSchema"/>).</summary>
internal sealed class SqliteSearchStore : ISearchStore
{
    public static readonly SqliteSearchStore Instance = new();

    public bool ScopesBySessions => false;

    public string StoredVersion(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ISearchWriter Writer(InterviewDbContext db) => new SqliteSearchWriter(
        Connection(db), (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());

    public ISearchReader Reader(InterviewDbContext db, SearchSource source) => new SqliteSearchReader(Connection(db), source);

    private static SqliteConnection Connection(InterviewDbContext db) => (SqliteConnection)db.Database.GetDbConnection();
}
