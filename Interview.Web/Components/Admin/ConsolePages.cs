using Interview.Domain.Staff;
using MudBlazor;

namespace Interview.Web.Components.Admin;

/// <summary>A console page the menu and the home page offer to those whose roles hold <paramref name="Capability"/>.</summary>
public sealed record ConsolePage(string Href, string Title, string Icon, string Description, StaffCapability Capability);

/// <summary>The console's pages, in menu order: the menu and the home page both list them, so they cannot disagree.</summary>
public static class ConsolePages
{
    public static IReadOnlyList<ConsolePage> All { get; } =
    [
        new("/admin/columns", "栏目", Icons.Material.Filled.ViewList, "新建和编辑门户栏目。", StaffCapability.Administer),
        new("/admin/sessions", "访谈", Icons.Material.Filled.Forum, "新建访谈，管理嘉宾、人员分工和访谈状态。", StaffCapability.RunSessions),
        new("/admin/followups", "会后答复", Icons.Material.Filled.EventNote, "访谈结束时未答复的问题及答复期限，逾期的突出显示。", StaffCapability.Publish),
        new("/admin/moderation", "提问审核", Icons.Material.Filled.FactCheck, "审核网友提问：采用、修改后采用、合并或不采用，全程可用键盘操作。", StaffCapability.Moderate),
        new("/admin/staff", "工作人员", Icons.Material.Filled.People, "账号、角色、停用和重置双重验证。", StaffCapability.Administer),
        new("/admin/wordlists", "敏感词表", Icons.Material.Filled.Spellcheck, "全站和栏目的敏感词表：编辑、版本记录和检测。", StaffCapability.Administer),
        new("/admin/audit", "审计日志", Icons.Material.Filled.History, "谁在何时做了什么，可导出 CSV。", StaffCapability.Administer),
    ];

    /// <summary>The pages a person holding <paramref name="roles"/> may open.</summary>
    public static IEnumerable<ConsolePage> For(IReadOnlyCollection<StaffRole> roles) =>
        All.Where(page => roles.Allows(page.Capability));
}
