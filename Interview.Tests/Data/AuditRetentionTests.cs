using Interview.Domain.Audit;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Data;

public sealed class AuditRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(30, 180)]
    [InlineData(179, 180)]
    [InlineData(365, 365)]
    public async Task NothingYoungerThanTheRetentionAndNeverYoungerThan180DaysIsRemoved(int configured, int effective)
    {
        // Written oldest first, as the log is.
        int[] ages = [1000, 366, 364, 181, 179, 1];
        await using (var db = _database.CreateDbContext())
        {
            foreach (var age in ages)
            {
                db.AuditLog.Add(AuditEntry.Record(Today.AddDays(-age), "admin@example.gov.cn", "column.create", $"age/{age}", "ok", "127.0.0.1"));
            }
            await db.SaveChangesAsync();
        }
        var retention = new AuditRetention(_database,
            Options.Create(new InterviewOptions { Audit = new AuditOptions { RetentionDays = configured } }),
            new FixedClock(Today), NullLogger<AuditRetention>.Instance);

        var removed = await retention.PurgeAsync();

        await using var read = _database.CreateDbContext();
        var kept = await read.AuditLog.Where(a => a.Action != AuditChain.PurgeAction).Select(a => a.Target).ToListAsync();
        Assert.Equal(effective, retention.RetentionDays);
        Assert.Equal(ages.Where(a => a < effective).Select(a => $"age/{a}").Order(), kept.Order());
        Assert.Equal(ages.Count(a => a > effective), removed);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
