using System.Net;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Public;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Web;

public class StartupTests
{
    [Fact]
    public async Task TheDatabaseIsCreatedInTheDataFolderAndSeededOnlyOnce()
    {
        using var first = new InterviewFactory();
        var dataDirectory = first.DataDirectory;
        Assert.Equal(3, await TotalAsync(first));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "interview.db")));

        // A restart on the same folder keeps the data and does not seed again.
        using var second = new InterviewFactory().With("Interview:DataDirectory", dataDirectory);
        Assert.Equal(3, await TotalAsync(second));
    }

    [Fact]
    public async Task WithoutDemoDataTheSiteStartsEmpty()
    {
        using var factory = new InterviewFactory().With("Interview:SeedDemoData", "false");
        using var client = factory.CreateClient();

        Assert.Equal(0, await TotalAsync(factory));
        var html = await client.GetStringAsync("/");
        Assert.Contains("当前没有正在进行的访谈。", html, StringComparison.Ordinal);
        Assert.Contains("暂无往期访谈。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseRunsInWalModeWithForeignKeys()
    {
        using var factory = new InterviewFactory();
        _ = factory.CreateClient();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task AFailureShowsAGenericErrorWithoutDetails()
    {
        using var factory = new InterviewFactory();
        using var failing = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton(new PublicCatalog(new BrokenContextFactory()))));
        using var client = failing.CreateClient();

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/v1/columns");

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("出错了", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenContextFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("at Interview.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(BrokenContextFactory.Secret, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<int> TotalAsync(InterviewFactory factory)
    {
        using var client = factory.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/interviews"));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private sealed class BrokenContextFactory : IDbContextFactory<InterviewDbContext>
    {
        public const string Secret = "connection string with a secret";

        public InterviewDbContext CreateDbContext() => throw new InvalidOperationException(Secret);
    }
}
