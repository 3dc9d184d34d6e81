using Interview.Domain.Staff;
using Interview.Tests.Components.Admin;
using Interview.Web;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Media;
using Interview.Web.Portal;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Portal;

/// <summary>
/// Saved portal settings override configuration, a cleared one falls back to it, bad input is refused field by field with
/// nothing saved, and every change is one audit line saying what changed. (Over the console test context's database.)
/// </summary>
public sealed class PortalSettingsTests : AdminTestContext
{
    private PortalSettings Settings(PortalOptions? configured = null) => new(
        Service<IDbContextFactory<InterviewDbContext>>(),
        Options.Create(new InterviewOptions { Portal = configured ?? new PortalOptions { Organizer = "City Government Office", IcpRecord = "ICP 12345678" } }),
        Service<StaffPermissions>(), Service<AuditTrail>(), Service<ImageStore>());

    [Fact]
    public async Task ASavedValueOverridesTheConfiguredOneAndClearingItFallsBack()
    {
        var settings = Settings();
        Assert.Equal("City Government Office", (await settings.CurrentAsync()).Organizer);
        Assert.Null((await settings.CurrentAsync()).Operator);

        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["Organizer"] = "  People's Government  ", ["Operator"] = "Information Centre" });
        var saved = await settings.CurrentAsync();
        Assert.Equal(("People's Government", "Information Centre", "ICP 12345678"), (saved.Organizer, saved.Operator, saved.IcpRecord));

        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["Organizer"] = "", ["Operator"] = null });
        var cleared = await settings.CurrentAsync();
        Assert.Equal(("City Government Office", (string?)null), (cleared.Organizer, cleared.Operator));
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Set<PortalSetting>().ToListAsync());
    }

    [Fact]
    public async Task EachChangeIsOneAuditLineSayingWhatChangedAndAnUnchangedSaveWritesNone()
    {
        var settings = Settings();
        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["SiteCode"] = "1100000001", ["Contact"] = null });
        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["SiteCode"] = "1100000001" });
        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["SiteCode"] = "" });

        await using var db = Database.CreateDbContext();
        var lines = await db.AuditLog.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["settings.update", "settings.update"], lines.Select(l => l.Action));
        Assert.Equal("SiteCode = \"1100000001\"", lines[0].Details);
        Assert.Equal("SiteCode cleared", lines[1].Details);
        Assert.All(lines, l => Assert.Equal(AdminEmail, l.Actor));
    }

    [Fact]
    public async Task ALinkThatIsNotAnAbsoluteWebAddressOrATooLongValueIsRefusedAtItsFieldAndNothingIsSaved()
    {
        var settings = Settings();

        var refused = await Assert.ThrowsAsync<PortalSettingsRefusedException>(() => settings.SaveAsync(Admin, new Dictionary<string, string?>
        {
            ["Organizer"] = "Fine",
            ["ErrorReportUrl"] = "javascript:alert(1)",
            ["GovernmentMarkUrl"] = "/relative/page",
            ["Operator"] = new string('x', PortalOptions.MaxTextLength + 1),
        }));

        Assert.Equal(["ErrorReportUrl", "GovernmentMarkUrl", "Operator"], refused.Problems.Keys.Order());
        Assert.Equal(SiteErrorCodes.PortalSettingUrlInvalid, refused.Problems["ErrorReportUrl"].Code);
        Assert.Equal(SiteErrorCodes.PortalSettingTooLong, refused.Problems["Operator"].Code);
        Assert.Equal("City Government Office", (await settings.CurrentAsync()).Organizer);
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.AuditLog.ToListAsync());
        // An uploaded image (ours, under /media) and http(s) addresses are fine.
        Assert.Empty(PortalSettings.Check(new Dictionary<string, string?>
        {
            ["GovernmentMarkImage"] = "/media/portal/0123456789abcdef0123456789abcdef.png",
            ["ErrorReportUrl"] = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=1100000001",
        }));
    }

    [Fact]
    public async Task OnlyAnAdminMaySaveOrReadTheSavedSettings()
    {
        var settings = Settings();
        var moderator = new StaffActor("staff-moderator", "moderator@example.gov.cn", "127.0.0.1");
        await AddStaffAsync(moderator.Id, moderator.Email, StaffRole.Moderator);

        await Assert.ThrowsAsync<StaffForbiddenException>(() => settings.SaveAsync(moderator, new Dictionary<string, string?> { ["Organizer"] = "x" }));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => settings.SavedAsync(moderator));
    }

    [Fact]
    public async Task AnUploadedMarkImageIsServedUntilReplacedThenDeleted()
    {
        var settings = Settings();
        var images = Service<ImageStore>();
        await using var upload = new MemoryStream(Support.TestImages.Png());
        var url = await settings.StoreMarkImageAsync(Admin, upload);
        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["GovernmentMarkImage"] = url });
        Assert.Equal(url, (await settings.CurrentAsync()).GovernmentMarkImage);
        Assert.NotNull(await images.FindAsync(url));

        await settings.SaveAsync(Admin, new Dictionary<string, string?> { ["GovernmentMarkImage"] = "https://www.example.gov.cn/mark.png" });

        Assert.Null(await images.FindAsync(url));
    }

    [Theory]
    [InlineData("京公网安备 11010502030143号", null, "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502030143")]
    [InlineData("京公网安备 11010502030143号", "https://example.gov.cn/police", "https://example.gov.cn/police")]
    [InlineData("备案中", null, null)]
    public void ThePoliceRecordLinksToItsOwnAddressOrTheOneBuiltFromItsDigits(string record, string? url, string? expected) =>
        Assert.Equal(expected, PortalSettings.PoliceRecordLink(new PortalOptions { PoliceRecord = record, PoliceRecordUrl = url }));
}
