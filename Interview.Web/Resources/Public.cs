namespace Interview.Web.Resources;

/// <summary>The public pages' text: layout, pages, embed widget, the strings their scripts show (Public.resx is zh-CN).</summary>
public sealed class Public;
