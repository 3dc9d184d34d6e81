using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Interview.Web.Search;

/// <summary>The index in a PostgreSQL <c>tsvector</c> column under a GIN index (<see cref="PostgresSearchSchema"/>).</summary>
internal sealed class PostgresSearchStore : ISearchStore
{
    public static readonly PostgresSearchStore Instance = new();

    public bool ScopesBySessions => true;

    public string StoredVersion(int version) => PostgresSearchSchema.StoredVersion(version);

    public ISearchWriter Writer(InterviewDbContext db) => new PostgresSearchWriter(
        Connection(db), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());

    public ISearchReader Reader(InterviewDbContext db, SearchSource source) => new PostgresSearchReader(Connection(db), source);

    private static NpgsqlConnection Connection(InterviewDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();
}
