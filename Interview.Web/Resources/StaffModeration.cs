namespace Interview.Web.Resources;

/// <summary>The question moderation consoles' text, split from Staff (StaffModeration.resx: zh-CN, the neutral culture; StaffModeration.en.resx: English).</summary>
public sealed class StaffModeration;
