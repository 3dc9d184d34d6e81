using System.Net;
using Interview.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Interview.Tests.Hosting;

/// <summary>GET /healthz (CONTRACT.md): 200 when the instance can serve, 503 when its database cannot be used.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task HealthzAnswers200WithoutAnAccountWhenTheDatabaseIsMigrated()
    {
        using var site = new InterviewFactory();
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy\n", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthzAnswers503WhileAMigrationIsMissingAnd200OnceItIsBack()
    {
        using var site = new InterviewFactory();
        using var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // As if the database had been swapped for one a migration behind (or another instance were still migrating it).
        var (id, version) = await LastMigrationAsync(site.DataDirectory);
        await ExecuteAsync(site.DataDirectory, $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{id}'");
        using (var missing = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
            Assert.Equal("unhealthy: database\n", await missing.Content.ReadAsStringAsync());
        }

        // Every probe looks again: nothing is cached.
        await ExecuteAsync(site.DataDirectory, $"INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('{id}', '{version}')");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task HealthzAnswers503WhenTheDatabaseCannotBeOpened()
    {
        using var site = new InterviewFactory();
        using var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The database is gone and nothing can be opened in its place (a folder where the file was).
        SqliteConnection.ClearAllPools();
        var database = Path.Combine(site.DataDirectory, "interview.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
        Directory.CreateDirectory(database);

        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("unhealthy: database\n", body);
    }

    private static async Task<(string Id, string Version)> LastMigrationAsync(string dataDirectory)
    {
        await using var connection = Open(dataDirectory);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId, ProductVersion FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task ExecuteAsync(string dataDirectory, string sql)
    {
        await using var connection = Open(dataDirectory);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static SqliteConnection Open(string dataDirectory) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "interview.db"), Pooling = false }.ToString());
}
