namespace Interview.Web.Resources;

/// <summary>Display names of statuses, reasons and entry kinds, shared by public pages and consoles (read through Text/DisplayNames).</summary>
public sealed class Statuses;
