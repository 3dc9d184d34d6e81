namespace Interview.Tests.Support;

/// <summary>Every public output of a session of the demo site's health column, as a citizen's client reads it.</summary>
public static class PublicOutputs
{
    /// <summary>The home, session (and text mode), column, RSS, sitemap and embed pages and the public API; plus <paramref name="more"/>.</summary>
    public static async Task<List<(string Source, string Body)>> ReadAsync(HttpClient client, int id, params string[] more)
    {
        var paths = new List<string>(more)
        {
            "/", $"/interviews/{id}", $"/interviews/{id}?mode=text", "/columns/health", "/columns/health/feed.xml", "/sitemap.xml",
            "/embed/columns/health", "/api/v1/interviews", $"/api/v1/interviews/{id}", $"/api/v1/interviews/{id}/entries",
            "/api/v1/interviews?status=published", "/api/v1/columns",
        };
        var outputs = new List<(string, string)>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
            outputs.Add((path, await response.Content.ReadAsStringAsync()));
        }
        return outputs;
    }
}
