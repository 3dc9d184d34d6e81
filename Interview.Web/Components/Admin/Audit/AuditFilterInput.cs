using Interview.Web.Audit;
using Interview.Web.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Interview.Web.Components.Admin.Audit;

/// <summary>The audit log's filters as typed: dates are <c>date</c> field values (yyyy-MM-dd), whole days in the site's time zone.</summary>
public sealed record AuditFilterInput(string? Actor = null, string? Action = null, string? Target = null, string? From = null, string? To = null)
{
    public const string CsvPath = "/admin/audit.csv";

    /// <summary>The filter for the query: from the start of <see cref="From"/> to the end of <see cref="To"/>.</summary>
    public AuditFilter ToFilter(SiteTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(Actor, Action, Target, time.StartOfDay(From), time.StartOfDay(To)?.AddDays(1));
    }

    /// <summary>The CSV export of the same filters; empty ones are left out.</summary>
    public string CsvUrl()
    {
        var query = new Dictionary<string, string?>
        {
            ["actor"] = Actor,
            ["action"] = Action,
            ["target"] = Target,
            ["from"] = SiteTime.Day(From) is null ? null : From,
            ["to"] = SiteTime.Day(To) is null ? null : To,
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value?.Trim()));
        return QueryHelpers.AddQueryString(CsvPath, query);
    }
}
