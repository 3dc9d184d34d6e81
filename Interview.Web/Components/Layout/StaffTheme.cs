using MudBlazor;

namespace Interview.Web.Components.Layout;

/// <summary>The consoles' colours: the portal red, sober greys.</summary>
public static class StaffTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b3261e",
            Secondary = "#1a4f8b",
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
