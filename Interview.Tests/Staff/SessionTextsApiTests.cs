using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Staff;

/// <summary>
/// The background (访谈背景) the preview and the live page show, and the summary (访谈摘要) written after the session and
/// corrected after publication, through the staff API, with what the public page, API and export show at each step.
/// </summary>
public sealed class SessionTextsApiTests(SessionTextsApiTests.Site site) : IClassFixture<SessionTextsApiTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    [Fact]
    public async Task ThePreviewShowsTheBackgroundAndTheArchiveTheSummaryWrittenAfterTheSession()
    {
        using var admin = site.Client(await site.TokenAsync());
        using var reader = site.CreateClient();
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1,
            title = "背景与摘要",
            background = "预告背景甲",
            scheduledStart = "2026-11-22T10:00:00+08:00",
            scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await MoveAsync(admin, id, "scheduled");

        var preview = await reader.GetStringAsync($"/interviews/{id}");
        var previewApi = await InterviewAsync(reader, id);
        Assert.Contains("访谈背景", preview, StringComparison.Ordinal);
        Assert.Contains("预告背景甲", preview, StringComparison.Ordinal);
        Assert.Contains("预告背景甲", previewApi.GetProperty("backgroundHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal("", previewApi.GetProperty("summaryHtml").GetString());

        await MoveAsync(admin, id, "live");
        Assert.Contains("预告背景甲", await reader.GetStringAsync($"/interviews/{id}"), StringComparison.Ordinal);
        await MoveAsync(admin, id, "ended");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PatchAsJsonAsync($"/api/v1/interviews/{id}", new { summary = "会后摘要乙" })).StatusCode);

        var ended = await reader.GetStringAsync($"/interviews/{id}");
        Assert.Contains("访谈摘要", ended, StringComparison.Ordinal);
        Assert.Contains("会后摘要乙", ended, StringComparison.Ordinal);
        Assert.DoesNotContain("预告背景甲", ended, StringComparison.Ordinal);

        await MoveAsync(admin, id, "published");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PatchAsJsonAsync($"/api/v1/interviews/{id}", new { summary = "修订摘要丙" })).StatusCode);

        var archive = await reader.GetStringAsync($"/interviews/{id}");
        var archiveApi = await InterviewAsync(reader, id);
        var markdown = await reader.GetStringAsync($"/interviews/{id}/transcript.md");
        Assert.Contains("修订摘要丙", archive, StringComparison.Ordinal);
        Assert.DoesNotContain("会后摘要乙", archive, StringComparison.Ordinal);
        Assert.Contains("修订摘要丙", archiveApi.GetProperty("summaryHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains("预告背景甲", archiveApi.GetProperty("backgroundHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains("## 访谈摘要\n\n修订摘要丙", markdown, StringComparison.Ordinal);
        Assert.Equal(2, (await site.AuditAsync()).Count(a => a.Target == $"interview/{id}" && a.Action == "interview.update"));
    }

    [Fact]
    public async Task TheOlderSummaryFieldOnCreateIsReadAsTheBackground()
    {
        using var admin = site.Client(await site.TokenAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1,
            title = "旧字段",
            summary = "旧客户端的背景",
            scheduledStart = "2026-11-22T10:00:00+08:00",
            scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "王敏", title = "主任", organization = "市第一人民医院" } },
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await MoveAsync(admin, id, "scheduled");

        using var reader = site.CreateClient();
        var preview = await InterviewAsync(reader, id);

        Assert.Contains("旧客户端的背景", preview.GetProperty("backgroundHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal("", preview.GetProperty("summaryHtml").GetString());
    }

    private static async Task MoveAsync(HttpClient admin, int id, string to) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);

    private static async Task<JsonElement> InterviewAsync(HttpClient reader, int id) =>
        JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/interviews/{id}")).RootElement;
}
