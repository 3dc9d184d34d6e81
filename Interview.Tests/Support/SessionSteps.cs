using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Support;

/// <summary>The steps a test of a live session takes through the public API, as a citizen, an admin or a host would.</summary>
public static class SessionSteps
{
    /// <summary>A new session with one guest (李卫东, 市疾控中心主任), taken live by the admin.</summary>
    public static async Task<int> NewLiveSessionAsync(this StaffSite site, string title = "测试")
    {
        ArgumentNullException.ThrowIfNull(site);
        using var admin = site.Client(await site.TokenAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1,
            title = $"{title} {Guid.NewGuid():N}"[..(title.Length + 9)],
            scheduledStart = "2026-11-22T10:00:00+08:00",
            scheduledEnd = "2026-11-22T11:00:00+08:00",
            guests = new[] { new { name = "李卫东", title = "主任", organization = "市疾控中心" } },
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" });
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "live" });
        return id;
    }

    /// <summary>A citizen's question through the API; its receipt.</summary>
    public static async Task<string> AskAsync(this HttpClient citizen, int interviewId, string text, string nickname = "网友")
    {
        ArgumentNullException.ThrowIfNull(citizen);
        var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname, text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    public static async Task<int> QuestionIdAsync(this StaffSite site, string receipt)
    {
        ArgumentNullException.ThrowIfNull(site);
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Questions.Where(q => q.Receipt == receipt).Select(q => q.Id).SingleAsync();
    }

    /// <summary>Asks through <paramref name="asker"/> and approves through <paramref name="moderator"/>; the question's id.</summary>
    public static async Task<int> ApprovedQuestionAsync(this StaffSite site, HttpClient moderator, HttpClient asker, int interviewId, string text, string nickname = "网友")
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var qid = await site.QuestionIdAsync(await asker.AskAsync(interviewId, text, nickname));
        Assert.True((await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { })).IsSuccessStatusCode);
        return qid;
    }

    /// <summary>The id of the session's first guest.</summary>
    public static async Task<int> GuestIdAsync(this StaffSite site, int interviewId)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var client = site.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interviews/{interviewId}")).RootElement
            .GetProperty("guests")[0].GetProperty("id").GetInt32();
    }

    public static async Task AssignAsync(this StaffSite site, int interviewId, string staffId, StaffRole role)
    {
        ArgumentNullException.ThrowIfNull(site);
        await site.Services.GetRequiredService<InterviewAdmin>().AssignAsync(await site.AdminActorAsync(), interviewId, staffId, role);
    }

    /// <summary>The seeded admin as the services see a signed-in actor.</summary>
    public static async Task<StaffActor> AdminActorAsync(this StaffSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        await using var scope = site.Services.CreateAsyncScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(StaffSite.AdminEmail))!;
        return new StaffActor(admin.Id, StaffSite.AdminEmail, "127.0.0.1");
    }
}
