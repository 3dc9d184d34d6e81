using System.Data.Common;
using Interview.Web.Search;
using Microsoft.Data.Sqlite;

namespace Interview.Tests.Search;

/// <summary>The search store tests on SQLite: FTS5 tables in an in-memory database.</summary>
public sealed class SqliteSearchStoreTests : SearchStoreTests, IDisposable
{
    private readonly string _corpus = $"Data Source=search-corpus-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
    private readonly List<SqliteConnection> _keepers = [];

    protected override async Task<DbConnection> OpenCorpusAsync()
    {
        var connection = new SqliteConnection(_corpus);
        await connection.OpenAsync();
        if (_keepers.Count == 0)
        {
            // An in-memory database lives as long as a connection to it.
            _keepers.Add(connection);
            await CreateAsync(connection);
            await WriteCorpusAsync(connection);
            connection = new SqliteConnection(_corpus);
            await connection.OpenAsync();
        }
        return connection;
    }

    protected override async Task<DbConnection> OpenEmptyAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await CreateAsync(connection);
        return connection;
    }

    internal override ISearchWriter Writer(DbConnection connection, DbTransaction transaction) =>
        new SqliteSearchWriter((SqliteConnection)connection, (SqliteTransaction)transaction);

    internal override ISearchReader Reader(DbConnection connection) => new SqliteSearchReader((SqliteConnection)connection, Source);

    public void Dispose() => _keepers.ForEach(k => k.Dispose());

    private static async Task CreateAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SearchSchema.CreateSql;
        await command.ExecuteNonQueryAsync();
    }
}
