using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.ScaleOut;

/// <summary>
/// Two instances of the built site as processes of their own, on one PostgreSQL and one Redis, behind Debian's nginx
/// running the shipped configuration: the set-up of README "Running on several machines", on one machine.
/// </summary>
public sealed class ScaleOutSites : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.gov.cn";
    public const string Password = "Scale-out-2026-passphrase";

    public PostgresServer Postgres { get; } = new();
    public RedisServer Redis { get; } = new();
    public SiteProcess A { get; private set; } = null!;
    public SiteProcess B { get; private set; } = null!;
    public NginxServer Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync());
        var database = await Postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Interview__Database__Provider"] = "postgres",
            ["Interview__Database__ConnectionString"] = database,
            ["Interview__Redis__Configuration"] = Redis.Configuration,
            ["Interview__Security__TrustedProxies__0"] = "127.0.0.1",
            ["Interview__Security__RequireTwoFactor"] = "false",
            ["Interview__Bootstrap__AdminEmail"] = AdminEmail,
            ["Interview__Bootstrap__AdminPassword"] = Password,
        };
        // Both at once on the empty database: one migrates and seeds, the other waits for it (DatabaseInitializer).
        var a = SiteProcess.StartAsync(settings);
        var b = SiteProcess.StartAsync(settings);
        (A, B) = (await a, await b);
        Nginx = await NginxServer.StartAsync([A.Port, B.Port]);
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }
        foreach (var site in new[] { A, B }.Where(s => s is not null))
        {
            await site.DisposeAsync();
        }
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A staff bearer token signed in on <paramref name="site"/>.</summary>
    public static async Task<string> TokenAsync(SiteProcess site)
    {
        using var client = site.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Staff(SiteProcess site, string token)
    {
        var client = site.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new live session, made through <paramref name="staff"/>'s API; its id.</summary>
    public static async Task<int> LiveSessionAsync(HttpClient staff, string title)
    {
        var slug = $"c{Guid.NewGuid():N}"[..12];
        var column = await staff.PostAsJsonAsync("/api/v1/columns", new { name = $"栏目{slug}", slug });
        Assert.Equal(HttpStatusCode.Created, column.StatusCode);
        var columnId = (await column.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var now = DateTimeOffset.UtcNow;
        var created = await staff.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId, title, summary = "两台服务器", scheduledStart = now, scheduledEnd = now.AddHours(2),
            guests = new[] { new { name = "王主任", title = "主任", organization = "市卫生健康委" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        foreach (var to in new[] { "scheduled", "live" })
        {
            var moved = await staff.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        return id;
    }

    public static async Task PublishAsync(HttpClient staff, int interviewId, string markdown)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/entries", new { kind = "host", markdown });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A citizen's question as nginx would pass it on from <paramref name="citizen"/>.</summary>
    public static async Task<HttpResponseMessage> AskAsync(SiteProcess site, int interviewId, string citizen, string text)
    {
        using var client = site.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/interviews/{interviewId}/questions")
        {
            Content = JsonContent.Create(new { nickname = "市民", text }),
        };
        request.Headers.Add("X-Forwarded-For", citizen);
        return await client.SendAsync(request);
    }
}
