using System.Net;
using System.Text.Json;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.Hosting;

/// <summary>
/// Structured logs for a log pipeline (README "Operations"): with <c>Logging__Console__FormatterName=json</c> the site,
/// run as it runs in production, writes one JSON object per line, and the request line carries its fields.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task AskedForJsonTheSiteLogsOneObjectPerLineWithTheRequestsFields()
    {
        await using var site = await SiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
        });
        using var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/columns?probe=13800138000")).StatusCode);

        JsonElement? request = null;
        await ServerWait.UntilAsync(() =>
        {
            request = Lines(site).Select(l => (JsonElement?)l).FirstOrDefault(l =>
                l!.Value.GetProperty("Category").GetString() == "Interview.Web.Hosting.InterviewMetricsRequests"
                && l.Value.GetProperty("State").GetProperty("Route").GetString() == "/api/v1/columns");
            return Task.FromResult(request is not null);
        }, TimeSpan.FromSeconds(30), "the request's log line", () => site.Output);

        var state = request!.Value.GetProperty("State");
        Assert.Equal("GET", state.GetProperty("Method").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Information", request.Value.GetProperty("LogLevel").GetString());
        // Every line of the console is one object, the start-up lines too; the query (personal data) is in none.
        Assert.All(site.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
        Assert.DoesNotContain("13800138000", site.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Lines(SiteProcess site) =>
        site.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone());
}
