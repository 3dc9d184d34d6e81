using Bunit;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin.Settings;
using Interview.Web.Portal;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Settings;

public sealed class SettingsPageTests : AdminTestContext
{
    [Fact]
    public async Task AnAdminSavesTheFooterAndTheRulesAndThePublicPagesSeeThemAtOnce()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForElement(".settings-form");

        Field(cut, "Organizer").Change("City Government Office");
        Field(cut, "ErrorReportUrl").Change("https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=1100000001");
        Field(cut, "Rules").Change("Be **civil**.");
        cut.Find("form.settings-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("设置已保存。", SnackbarMessages()));
        var current = await Service<PortalSettings>().CurrentAsync();
        Assert.Equal(("City Government Office", "Be **civil**."), (current.Organizer, current.Rules));
        await using var db = Database.CreateDbContext();
        var line = Assert.Single(await db.AuditLog.ToListAsync());
        Assert.Equal("settings.update", line.Action);
        Assert.Contains("Organizer = \"City Government Office\"", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkThatIsNotAWebAddressIsShownAtItsFieldAndNothingIsSaved()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForElement(".settings-form");

        Field(cut, "Organizer").Change("City Government Office");
        Field(cut, "ErrorReportUrl").Change("www.example.gov.cn");
        cut.Find("form.settings-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var input = Field(cut, "ErrorReportUrl");
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            // By attribute, not "#id": a generated id may start with a digit, which no "#…" selector can name.
            var described = input.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(described, id => cut.FindAll($"[id='{id}']").Count == 1);
            Assert.Contains("须为以 http:// 或 https:// 开头的完整网址。", cut.Markup, StringComparison.Ordinal);
        });
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Set<PortalSetting>().ToListAsync());
        Assert.Empty(await db.AuditLog.ToListAsync());
    }

    [Fact]
    public void SomeoneWhoIsNotAnAdminIsRefusedAndSeesNoForm()
    {
        SignInAs("staff-host", "host@example.gov.cn", StaffRole.Host);

        var cut = Render<SettingsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(SnackbarMessages()));
        Assert.Empty(cut.FindAll(".settings-form"));
    }

    /// <summary>The input (or textarea) of a setting, found through its label (the zh-CN wording of Staff.Setting…).</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<SettingsPage> cut, string name)
    {
        var label = name switch
        {
            "Organizer" => "主办单位",
            "ErrorReportUrl" => "“我为政府网站找错”链接",
            "Rules" => "留言规则（Markdown",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var id = cut.FindAll(".settings-form label").First(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).GetAttribute("for");
        return cut.Find($"[id='{id}']");
    }
}
