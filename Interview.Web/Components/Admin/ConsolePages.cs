using Interview.Domain.Staff;
using MudBlazor;

namespace Interview.Web.Components.Admin;

/// <summary>
/// A console page the menu and the home page offer to those whose roles hold <paramref name="Capability"/>;
/// <paramref name="Title"/> and <paramref name="Description"/> are keys of the <c>Staff</c> resources, worded in the reader's culture.
/// </summary>
public sealed record ConsolePage(string Href, string Title, string Icon, string Description, StaffCapability Capability);

/// <summary>The console's pages, in menu order: the menu and the home page both list them, so they cannot disagree.</summary>
public static class ConsolePages
{
    public static IReadOnlyList<ConsolePage> All { get; } =
    [
        new("/admin/columns", "PageColumns", Icons.Material.Filled.ViewList, "PageColumnsAbout", StaffCapability.Administer),
        new("/admin/sessions", "PageSessions", Icons.Material.Filled.Forum, "PageSessionsAbout", StaffCapability.RunSessions),
        new("/admin/followups", "PageFollowUps", Icons.Material.Filled.EventNote, "PageFollowUpsAbout", StaffCapability.Publish),
        new("/admin/moderation", "PageModeration", Icons.Material.Filled.FactCheck, "PageModerationAbout", StaffCapability.Moderate),
        new("/admin/staff", "PageStaff", Icons.Material.Filled.People, "PageStaffAbout", StaffCapability.Administer),
        new("/admin/wordlists", "PageWordLists", Icons.Material.Filled.Spellcheck, "PageWordListsAbout", StaffCapability.Administer),
        new("/admin/reports", "PageReports", Icons.Material.Filled.Report, "PageReportsAbout", StaffCapability.Administer),
        new("/admin/audit", "PageAudit", Icons.Material.Filled.History, "PageAuditAbout", StaffCapability.Administer),
        new("/admin/statistics", "PageStatistics", Icons.Material.Filled.BarChart, "PageStatisticsAbout", StaffCapability.Administer),
        new("/admin/settings", "PageSettings", Icons.Material.Filled.Settings, "PageSettingsAbout", StaffCapability.Administer),
    ];

    /// <summary>The pages a person holding <paramref name="roles"/> may open.</summary>
    public static IEnumerable<ConsolePage> For(IReadOnlyCollection<StaffRole> roles) =>
        All.Where(page => roles.Allows(page.Capability));
}
