using System.Net;
using System.Text.Json;
using Interview.Domain.Staff;
using Interview.Tests.Support;

namespace Interview.Tests.FollowUps;

public sealed class FollowUpApiTests(FollowUpSite site) : IClassFixture<FollowUpSite>
{
    private static readonly TimeSpan Beijing = FollowUpSite.Beijing;

    [Fact]
    public async Task TheStateFilterListsOpenOverdueAndAnsweredFollowUps()
    {
        // Ended 30 September: due 13 October. Ended 12 October: due 19 October. Looked at on 14 October.
        site.Clock.Now = new DateTimeOffset(2026, 9, 30, 10, 0, 0, Beijing);
        var early = await site.LiveSessionAsync();
        var overdue = await site.QuestionAsync(early, "逾期未答的问题", FollowUpSite.Approve);
        var answered = await site.QuestionAsync(early, "已会后答复的问题", FollowUpSite.Approve);
        await site.EndAsync(early);
        site.Clock.Now = new DateTimeOffset(2026, 10, 12, 10, 0, 0, Beijing);
        var seq = await site.AnswerLaterAsync(early, answered.Id);
        var late = await site.LiveSessionAsync();
        var open = await site.QuestionAsync(late, "尚未到期的问题", FollowUpSite.Approve);
        await site.EndAsync(late);
        site.Clock.Now = new DateTimeOffset(2026, 10, 14, 9, 0, 0, Beijing);
        using var admin = site.Client(await site.TokenAsync());

        var openItems = Mine(await ItemsAsync(admin, "open"), early, late);
        var overdueItems = Mine(await ItemsAsync(admin, "overdue"), early, late);
        var answeredItems = Mine(await ItemsAsync(admin, "answered"), early, late);
        var byDefault = Mine(await ItemsAsync(admin, null), early, late);

        Assert.Equal([overdue.Id, open.Id], openItems.Select(QuestionId));
        Assert.Equal([true, false], openItems.Select(i => i.GetProperty("overdue").GetBoolean()));
        Assert.Equal("2026-10-13T23:59:59+08:00", openItems[0].GetProperty("dueAt").GetString());
        Assert.Equal("2026-10-19T23:59:59+08:00", openItems[1].GetProperty("dueAt").GetString());
        Assert.Equal("逾期未答的问题", openItems[0].GetProperty("text").GetString());
        Assert.Equal("市民小王", openItems[0].GetProperty("nickname").GetString());
        Assert.Equal(early, openItems[0].GetProperty("interviewId").GetInt32());
        Assert.False(string.IsNullOrEmpty(openItems[0].GetProperty("interviewTitle").GetString()));
        Assert.Equal(openItems.Select(QuestionId), byDefault.Select(QuestionId));
        Assert.Equal([overdue.Id], overdueItems.Select(QuestionId));
        var done = Assert.Single(answeredItems);
        Assert.Equal(answered.Id, QuestionId(done));
        Assert.Equal($"/interviews/{early}#e{seq}", done.GetProperty("answerUrl").GetString());
        Assert.Equal("2026-10-12T10:00:00+08:00", done.GetProperty("answeredAt").GetString());
        Assert.False(done.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task TypistsAndHostsSeeOnlyTheFollowUpsOfSessionsAssignedToThem()
    {
        site.Clock.Now = new DateTimeOffset(2026, 11, 20, 10, 0, 0, Beijing);
        var typist = await site.CreateStaffAsync($"typist-{Guid.NewGuid():N}"[..15] + "@example.gov.cn", "typist");
        var host = await site.CreateStaffAsync($"host-{Guid.NewGuid():N}"[..13] + "@example.gov.cn", "host");
        var typed = await site.LiveSessionAsync((typist, StaffRole.Typist));
        var hosted = await site.LiveSessionAsync((host, StaffRole.Host));
        var typedQuestion = await site.QuestionAsync(typed, "录入员场次的问题", FollowUpSite.Approve);
        var hostedQuestion = await site.QuestionAsync(hosted, "主持人场次的问题", FollowUpSite.Approve);
        await site.EndAsync(typed);
        await site.EndAsync(hosted);

        using var asTypist = site.Client(await site.TokenAsync(await EmailAsync(typist)));
        using var asHost = site.Client(await site.TokenAsync(await EmailAsync(host)));
        using var asAdmin = site.Client(await site.TokenAsync());

        Assert.Equal([typedQuestion.Id], (await ItemsAsync(asTypist, "open")).Select(QuestionId));
        Assert.Equal([hostedQuestion.Id], (await ItemsAsync(asHost, "open")).Select(QuestionId));
        Assert.Equal([typedQuestion.Id, hostedQuestion.Id], Mine(await ItemsAsync(asAdmin, "open"), typed, hosted).Select(QuestionId));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("moderator", HttpStatusCode.Forbidden)]
    [InlineData("reviewer", HttpStatusCode.Forbidden)]
    [InlineData("typist", HttpStatusCode.OK)]
    [InlineData("host", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task OnlyAdminsHostsAndTypistsMayReadTheBoard(string? role, HttpStatusCode expected)
    {
        site.Clock.Now = DateTimeOffset.UtcNow;
        string? token = null;
        if (role is not null)
        {
            var email = $"{role}-{Guid.NewGuid():N}"[..16] + "@example.gov.cn";
            await site.CreateStaffAsync(email, role);
            token = await site.TokenAsync(email);
        }
        using var client = site.Client(token);

        var response = await client.GetAsync("/api/v1/followups");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task TheBoardPageSendsStrangersToSignIn()
    {
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/admin/followups");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalDataAModeratorKeptShowsMaskedOnTheFollowUpList()
    {
        site.Clock.Now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, Beijing);
        var session = await site.LiveSessionAsync();
        var kept = await site.QuestionAsync(session, "请回电139.0767.1234", q => q.Approve("moderator@example.gov.cn", null, Builders.Now, keepPersonalData: true));
        await site.EndAsync(session);
        using var admin = site.Client(await site.TokenAsync());

        var item = Mine(await ItemsAsync(admin, "open"), session).Single(i => QuestionId(i) == kept.Id);

        Assert.Equal("请回电139****1234", item.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnUnknownStateIsRefusedWithTheChoices()
    {
        using var admin = site.Client(await site.TokenAsync());

        var response = await admin.GetAsync("/api/v1/followups?state=late");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("open、overdue、answered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string? state)
    {
        var response = await client.GetAsync(state is null ? "/api/v1/followups" : $"/api/v1/followups?state={state}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The site is shared by the tests of this class: keep the items of the sessions this test made.</summary>
    private static List<JsonElement> Mine(List<JsonElement> items, params int[] interviewIds) =>
        [.. items.Where(i => interviewIds.Contains(i.GetProperty("interviewId").GetInt32()))];

    private static int QuestionId(JsonElement item) => item.GetProperty("questionId").GetInt32();

    private async Task<string> EmailAsync(string staffId)
    {
        await using var db = await site.Contexts.CreateDbContextAsync();
        return db.Users.Single(u => u.Id == staffId).Email!;
    }
}
