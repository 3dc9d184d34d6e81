using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Data.Postgres;
using Interview.Web.Live;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Data;

/// <summary>What only PostgreSQL needs: instances that start together, and one audit chain from many writers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseTests(PostgresServer server)
{
    [Fact]
    public async Task InstancesStartingAtOnceOnAnEmptyDatabaseMigrateAndSeedItExactlyOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => (StaffSite)new StaffSite()
            .With("Interview:Database:Provider", "postgres")
            .With("Interview:Database:ConnectionString", connectionString)).ToList();
        try
        {
            // Each host runs the site's start-up (migrate, seed, roles, the first admin) when it is built.
            await Task.WhenAll(instances.Select(site => Task.Run(() => site.Services)));

            await using var db = await instances[0].Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
            Assert.IsType<PostgresInterviewDbContext>(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(["health", "policy"], await db.Columns.OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync());
            Assert.Equal(1, await db.Interviews.CountAsync(i => i.Status == InterviewStatus.Published));
            Assert.Equal(1, await db.Interviews.CountAsync(i => i.Status == InterviewStatus.Live));
            Assert.Equal(StaffSite.AdminEmail, Assert.Single(await db.Users.Select(u => u.Email).ToListAsync()));
            Assert.Equal(StaffRoles.All.Count, await db.Roles.CountAsync());
        }
        finally
        {
            foreach (var site in instances)
            {
                await site.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ConcurrentPublishersKeepOneUnbrokenAuditChain()
    {
        await using var site = new StaffSite().OnPostgres(server);
        var publisher = site.Services.GetRequiredService<LivePublisher>();
        StaffActor admin;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(StaffSite.AdminEmail))!;
            admin = new StaffActor(user.Id, StaffSite.AdminEmail, "127.0.0.1");
        }
        var id = await site.DemoInterviewIdAsync("live");

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            Task.Run(() => publisher.PublishAsync(admin, id, new EntryRequest(EntryKind.Host, $"第{i}段")))));

        var verified = await site.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verified.BrokenId is null, $"broken at #{verified.BrokenId}: {verified.Problem}");
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        Assert.Equal(40, await db.AuditLog.CountAsync(a => a.Action == "entry.publish" && a.Target == $"interview/{id}"));
    }

    [Fact]
    public async Task VerifyAuditWalksTheChainOfAPostgresDatabase()
    {
        var connectionString = await server.CreateDatabaseAsync();
        string dataDirectory;
        await using (var site = new StaffSite()
            .With("Interview:Database:Provider", "postgres")
            .With("Interview:Database:ConnectionString", connectionString))
        {
            // The first admin's creation and the demo data leave audit lines.
            _ = site.Services;
            dataDirectory = site.DataDirectory;
        }
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await Interview.Web.Operations.OperationsCommand.RunAsync(
            ["verify-audit", $"--Interview:DataDirectory={dataDirectory}", "--Interview:Database:Provider=postgres",
             $"--Interview:Database:ConnectionString={connectionString}"], output, errors);

        Assert.True(exit == 0, errors.ToString());
        Assert.Contains("审计日志完整", output.ToString(), StringComparison.Ordinal);
    }
}
