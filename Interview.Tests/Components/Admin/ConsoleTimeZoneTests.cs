using Bunit;
using Interview.Domain.Audit;
using Interview.Web.Components.Admin.Audit;

namespace Interview.Tests.Components.Admin;

/// <summary>The consoles show times in <c>Interview:TimeZone</c>, not in a fixed Beijing time.</summary>
public sealed class ConsoleTimeZoneTests : AdminTestContext
{
    protected override string TimeZone => "America/New_York";

    [Fact]
    public async Task TheAuditLogShowsTimesInTheConfiguredZone()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.AuditLog.Add(AuditEntry.Record(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), "admin@example.gov.cn", "column.create", "column/1", "ok"));
            await db.SaveChangesAsync();
        }

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("2026-11-19 20:00:00", cut.Find(".audit-table tbody tr").TextContent, StringComparison.Ordinal));
    }
}
