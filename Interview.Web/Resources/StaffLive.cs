namespace Interview.Web.Resources;

/// <summary>The live consoles' text (host, typist, review), split from Staff (StaffLive.resx: zh-CN, the neutral culture; StaffLive.en.resx: English).</summary>
public sealed class StaffLive;
