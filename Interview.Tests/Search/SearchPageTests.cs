using System.Net;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Search;

/// <summary>The demo archive is searchable on first start; the search page and the header's search box.</summary>
public sealed class SearchPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task TheDemoArchiveIsSearchableOnFirstStart()
    {
        var id = await site.DemoInterviewIdAsync("published");
        using var client = site.CreateClient();

        var result = JsonDocument.Parse(await client.GetStringAsync("/api/v1/search?q=" + Uri.EscapeDataString("奥司他韦"))).RootElement;

        Assert.True(result.GetProperty("total").GetInt32() >= 2);
        Assert.All(result.GetProperty("items").EnumerateArray(), i => Assert.Equal(id, i.GetProperty("interviewId").GetInt32()));
    }

    [Fact]
    public async Task TheSearchPageShowsTheCountHighlightedSnippetsAndDeepLinks()
    {
        var id = await site.DemoInterviewIdAsync("published");
        using var client = site.CreateClient();

        var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("奥司他韦") + "&sort=newest");

        Assert.Matches("找到 <strong>\\d+</strong> 条结果", page);
        Assert.Contains("<mark>奥司他韦</mark>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/interviews/{id}#e", page, StringComparison.Ordinal);
        Assert.Contains("value=\"奥司他韦\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"newest\" selected", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagerKeepsTheQueryFiltersAndOrder()
    {
        using var client = site.CreateClient();

        var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("的") + "&column=health&sort=newest");

        Assert.Contains("href=\"/search?q=%E7%9A%84&amp;column=health&amp;sort=newest&amp;page=2\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=%EF%BC%8C", "请输入要搜索的文字")]
    [InlineData("q=%E6%B5%81%E6%84%9F&year=abc", "年份不正确")]
    [InlineData("q=%E6%B5%81%E6%84%9F&column=nope", "没有这个栏目")]
    public async Task ABadSearchShowsAMessageNotAnError(string query, string message)
    {
        using var client = site.CreateClient();

        var response = await client.GetAsync("/search?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingFoundSaysSo()
    {
        using var client = site.CreateClient();

        var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("保医"));

        Assert.Contains("找到 <strong>0</strong> 条结果", page, StringComparison.Ordinal);
        Assert.Contains("没有找到相关的已发布访谈内容", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPublicPageHasASearchBoxThatAsksTheSearchPage()
    {
        using var client = site.CreateClient();

        var home = await client.GetStringAsync("/");

        Assert.Contains("<form class=\"site-search\" method=\"get\" action=\"/search\" role=\"search\">", home, StringComparison.Ordinal);
        Assert.Contains("name=\"q\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSearchApiIsInTheOpenApiDocument()
    {
        using var client = site.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var search = document.GetProperty("paths").GetProperty("/api/v1/search").GetProperty("get");
        Assert.Contains("published sessions", search.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }
}

/// <summary><c>dotnet run --project Interview.Web -- search rebuild</c>: rebuilds the index of a database and exits.</summary>
public sealed class SearchCommandTests
{
    [Fact]
    public async Task TheRebuildCommandIndexesEveryPublishedSessionAndExits()
    {
        var directory = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string[] command = ["search", "rebuild", $"--Interview:DataDirectory={directory}"];
            // The first run creates and migrates the database: nothing to index yet.
            Assert.Equal(0, await SearchCommand.RunAsync(command));
            await AddPublishedSessionAsync(directory);
            Assert.Equal(0L, await CountAsync(directory));

            var exit = await SearchCommand.RunAsync(command);

            Assert.Equal(0, exit);
            // Two entries and the session itself.
            Assert.Equal(3L, await CountAsync(directory));
            Assert.Equal(2, await SearchCommand.RunAsync(["search", "nonsense"]));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AddPublishedSessionAsync(string directory)
    {
        await using var db = Context(directory);
        var column = Interview.Domain.Columns.Column.Create("测试", "test", "", 0);
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var session = Builders.SessionIn(InterviewStatus.Live, column.Id);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        db.Entries.Add(session.AppendEntry(EntryKind.Host, "", Builders.Rendered("命令重建测试一"), Builders.Now));
        db.Entries.Add(session.AppendEntry(EntryKind.Host, "", Builders.Rendered("命令重建测试二"), Builders.Now));
        session.TransitionTo(InterviewStatus.Ended, Builders.Now);
        session.TransitionTo(InterviewStatus.Published, Builders.Now);
        // Saved straight to the database, past the services that index: only the command puts it in the index.
        await db.SaveChangesAsync();
    }

    private static async Task<long> CountAsync(string directory)
    {
        await using var db = Context(directory);
        return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM search_docs").SingleAsync();
    }

    private static InterviewDbContext Context(string directory) =>
        new(new DbContextOptionsBuilder<InterviewDbContext>().UseSqlite(InterviewServices.ConnectionString(directory)).Options);
}
