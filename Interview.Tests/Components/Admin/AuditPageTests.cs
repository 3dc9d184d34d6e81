using Bunit;
using Interview.Domain.Audit;
using Interview.Web.Components.Admin.Audit;

namespace Interview.Tests.Components.Admin;

public class AuditPageTests : AdminTestContext
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheAuditPageListsEntriesNewestFirstInBeijingTime()
    {
        await AddEntriesAsync(
            AuditEntry.Record(Morning, "admin@example.gov.cn", "column.create", "column/1", "ok", "10.0.0.1", "卫健在线"),
            AuditEntry.Record(Morning.AddHours(2), "host@example.gov.cn", "interview.transition", "interview/3", "ok", "10.0.0.2", "draft -> scheduled"),
            AuditEntry.Record(Morning.AddHours(1), "admin@example.gov.cn", "staff.create", "staff/9", "ok", "10.0.0.1"));

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".audit-table tbody tr").Count));
        var rows = cut.FindAll(".audit-table tbody tr");
        Assert.Contains("interview.transition", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("staff.create", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("column.create", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-20 11:00:00", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilteringNarrowsTheListAndTheCsvLinkCarriesTheFilters()
    {
        await AddEntriesAsync(
            AuditEntry.Record(Morning, "admin@example.gov.cn", "column.create", "column/1", "ok"),
            AuditEntry.Record(Morning.AddHours(2), "host@example.gov.cn", "interview.transition", "interview/3", "ok"));
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".audit-table tbody tr").Count));

        var fields = cut.FindAll(".audit-filters input");
        fields[1].Change("interview.");
        fields[3].Change("2026-11-20");
        fields[4].Change("2026-11-20");
        cut.Find("form.audit-filters").Submit();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll(".audit-table tbody tr"));
            Assert.Contains("interview.transition", row.TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("/admin/audit.csv?action=interview.&from=2026-11-20&to=2026-11-20", cut.Find("a.csv-export").GetAttribute("href"));
    }

    private async Task AddEntriesAsync(params AuditEntry[] entries)
    {
        await using var db = Database.CreateDbContext();
        db.AuditLog.AddRange(entries);
        await db.SaveChangesAsync();
    }
}
