namespace Interview.Web.Hosting;

/// <summary>
/// Which addresses belong to the staff side: those pages get MudBlazor and, under /admin, an interactive circuit;
/// everything else is the light public site.
/// </summary>
public static class StaffPages
{
    public static bool IsStaffPath(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    /// <summary>Pages that run as an interactive circuit; the account pages stay static (they set cookies).</summary>
    public static bool IsInteractivePath(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
}
