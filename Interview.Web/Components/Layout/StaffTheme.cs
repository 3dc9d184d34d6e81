using MudBlazor;

namespace Interview.Web.Components.Layout;

/// <summary>
/// The consoles' colours: the portal red, sober greys. Every colour that carries text (filled buttons with white text,
/// outlined and text buttons, chips and links on white or on their own 8% tint) reaches WCAG AA's 4.5:1: MudBlazor's
/// defaults (#2196f3, #00c853, #ff9800, #f44336) measured 2.15–3.82:1. Ratios on white are noted beside each.
/// </summary>
public static class StaffTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b3261e",          // 6.5:1
            Secondary = "#1a4f8b",        // 8.3:1
            Tertiary = "#00695c",         // 6.6:1
            Info = "#0b5cad",             // 6.7:1
            Success = "#1b5e20",          // 7.9:1
            Warning = "#8a5300",          // 6.3:1
            Error = "#b71c1c",            // 6.6:1
            // Secondary text (captions, table headers, helper text) at MudBlazor's 54% black is 4.6:1 on white but
            // under 4.5:1 on a tinted row or chip.
            TextSecondary = "#5f6368",    // 6.0:1
            AppbarBackground = "#b3261e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
            },
        },
    };

    /// <summary>
    /// 长辈模式 for the consoles (the <c>interview.display</c> cookie says elder): every colour that carries text at 7:1
    /// or more on white and ≥ 7:1 on its own 8% tint (WCAG AAA, axe's <c>color-contrast-enhanced</c>), secondary text
    /// darker. The larger text and focus rings are in staff.css under <c>html.elder</c>, so they scale MudBlazor's rem
    /// sizes as a whole instead of one typography entry at a time.
    /// </summary>
    public static MudTheme HighContrast { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#8e1c16",          // 9.0:1 (7.8:1 on its tint)
            Secondary = "#143d6b",        // 11.0:1
            Tertiary = "#004d40",         // 9.8:1
            Info = "#084a8c",             // 8.9:1
            Success = "#14481a",          // 10.7:1
            Warning = "#6b4000",          // 8.9:1
            Error = "#8e1414",            // 9.3:1
            TextSecondary = "#3c4043",    // 10.5:1
            AppbarBackground = "#8e1c16",
        },
        Typography = Theme.Typography,
    };

    /// <summary>The consoles' theme for <paramref name="mode"/>.</summary>
    public static MudTheme For(Interview.Web.Accessibility.DisplayMode mode) =>
        mode == Interview.Web.Accessibility.DisplayMode.Elder ? HighContrast : Theme;
}
