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
}
