using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Support;

/// <summary>One running site on the demo data, shared by the tests of a class.</summary>
public sealed class DemoSiteFixture : InterviewFactory
{
    public DemoSiteFixture() => With("Interview:Security:AllowedOrigins:0", "https://portal.example.gov.cn");

    public async Task<int> AddDraftAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var columnId = await db.Columns.Select(c => c.Id).FirstAsync();
        var draft = InterviewSession.Create(columnId, "草稿测试", null, Builders.Now, Builders.Now.AddHours(1), Builders.Now);
        db.Interviews.Add(draft);
        await db.SaveChangesAsync();
        return draft.Id;
    }
}
