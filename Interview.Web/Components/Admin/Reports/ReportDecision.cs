namespace Interview.Web.Components.Admin.Reports;

/// <summary>An admin's decision on report <paramref name="ReportId"/>: 已处理 (<paramref name="Handled"/>) or 驳回, with the reply.</summary>
public sealed record ReportDecision(int ReportId, bool Handled, string Reply);
