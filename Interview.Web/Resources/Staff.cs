namespace Interview.Web.Resources;

/// <summary>The staff consoles' and admin pages' text (Staff.resx: zh-CN, the neutral culture; Staff.en.resx: English).</summary>
public sealed class Staff;
