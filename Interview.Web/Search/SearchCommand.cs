using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Search;

/// <summary>
/// <c>dotnet run --project Interview.Web -- search rebuild</c>: migrates the database, rebuilds the search index from
/// it and exits. The usual settings apply (e.g. <c>--Interview:DataDirectory=/srv/interview</c>).
/// </summary>
public static class SearchCommand
{
    public static bool Matches(string[] args) => args is ["search", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["search", "rebuild", .. var settings])
        {
            await Console.Error.WriteLineAsync("用法：dotnet run --project Interview.Web -- search rebuild [设置，如 --Interview:DataDirectory=路径]");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(settings);
        builder.AddInterview();
        await using var app = builder.Build();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }
        var result = await app.Services.GetRequiredService<SearchIndex>().RebuildAsync();
        Console.WriteLine($"搜索索引已重建：{result.Sessions} 场已发布的访谈，{result.Documents} 个文档，用时 {result.Elapsed.TotalSeconds:0.0} 秒。");
        return 0;
    }
}
