using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

/// <summary>
/// Staff see personal data masked in the question list (phone, and numbers and addresses in nickname and text), with
/// an audited reveal; hosts read the queue, the phone and the reveal only of the sessions assigned to them.
/// </summary>
public sealed class StaffQuestionAccessTests(QuestionIntakeTests.Site site) : IClassFixture<QuestionIntakeTests.Site>
{
    private const string Text = "我的手机139.0767.1234，身份证110105194912310011，邮箱wang.xm@163.com，请回电";
    private const string Nickname = "网友13907675678";

    [Fact]
    public async Task TheStaffQuestionListMasksPersonalDataInTextAndNicknameAndTheRevealIsAudited()
    {
        var (id, qid) = await AskAsync();
        using var moderator = await StaffAsync("moderator");

        var list = await moderator.GetStringAsync($"/api/v1/interviews/{id}/questions?status=pending");
        var item = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == qid);
        var revealed = await moderator.GetFromJsonAsync<JsonElement>($"/api/v1/questions/{qid}/unmasked");

        Assert.Equal("我的手机139****1234，身份证1101**********0011，邮箱w***@163.com，请回电", item.GetProperty("text").GetString());
        Assert.Equal(item.GetProperty("text").GetString(), item.GetProperty("originalText").GetString());
        Assert.Equal("网友139****5678", item.GetProperty("nickname").GetString());
        Assert.Equal("138****0000", item.GetProperty("phone").GetString());
        Assert.True(item.GetProperty("personalData").GetBoolean());
        foreach (var secret in new[] { "139.0767.1234", "110105194912310011", "wang.xm", "13907675678", "13800130000" })
        {
            Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        }
        Assert.Equal((Text, Nickname), (revealed.GetProperty("text").GetString(), revealed.GetProperty("nickname").GetString()));
        var audit = (await site.AuditAsync()).Where(a => a.Action == "question.text.view" && a.Target == $"question/{qid}").ToList();
        Assert.Equal("personal data shown", Assert.Single(audit).Details);
    }

    [Fact]
    public async Task OnlyTheSessionsHostsAdminsAndModeratorsReadItsQueueAndOnlyHostsAndAdminsItsPhones()
    {
        var (id, qid) = await AskAsync();
        var assignedId = await NewStaffAsync("host", out var assignedEmail);
        await AssignAsync(id, assignedId, StaffRole.Host);
        using var assigned = site.Client(await site.TokenAsync(assignedEmail));
        using var unassigned = await StaffAsync("host");
        using var moderator = await StaffAsync("moderator");
        using var admin = site.Client(await site.TokenAsync());
        string[] paths = [$"/api/v1/interviews/{id}/questions", $"/api/v1/questions/{qid}/phone", $"/api/v1/questions/{qid}/unmasked"];

        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await unassigned.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await assigned.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }
        // Moderators are not assigned per session: every queue, and the words as written, but never a phone number.
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(paths[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync(paths[1])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(paths[2])).StatusCode);

        Assert.Equal("13800130000", (await assigned.GetFromJsonAsync<JsonElement>(paths[1])).GetProperty("phone").GetString());
        var audit = (await site.AuditAsync()).Where(a => a.Target == $"question/{qid}").ToList();
        // The assigned host twice, the admin once; the text: the assigned host, the admin and the moderator.
        Assert.Equal(3, audit.Count(a => a.Action == "question.phone.view" && a.Outcome == "ok"));
        Assert.Equal(3, audit.Count(a => a.Action == "question.text.view" && a.Outcome == "ok"));
        // The unassigned host's attempts are on record too.
        Assert.Equal(2, audit.Count(a => a.Outcome.StartsWith("refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AHostSeesOnlyTheirOwnSessionsInTheModerationSessionList()
    {
        var (id, _) = await AskAsync();
        var hostId = await NewStaffAsync("host", out var email);
        var actor = new Interview.Web.Staff.StaffActor(hostId, email, null);
        var queue = site.Services.GetRequiredService<Interview.Web.Questions.ModerationQueue>();

        Assert.DoesNotContain(await queue.SessionsAsync(actor), s => s.Id == id);
        await AssignAsync(id, hostId, StaffRole.Host);
        Assert.Contains(await queue.SessionsAsync(actor), s => s.Id == id);
    }

    private async Task<(int Id, int Qid)> AskAsync()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateClient();
        var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = Nickname, text = Text, phone = "13800130000" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
        return (id, await NothingUnapprovedLeaksTests.QuestionIdAsync(site, receipt));
    }

    private Task<string> NewStaffAsync(string role, out string email)
    {
        email = $"{role}-{Guid.NewGuid():N}"[..20] + "@example.gov.cn";
        return site.CreateStaffAsync(email, role);
    }

    private async Task<HttpClient> StaffAsync(string role)
    {
        await NewStaffAsync(role, out var email);
        return site.Client(await site.TokenAsync(email));
    }

    private async Task AssignAsync(int interviewId, string staffId, StaffRole role)
    {
        var contexts = site.Services.GetRequiredService<IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.Interviews.Include(i => i.Assignments).SingleAsync(i => i.Id == interviewId);
        session.Assign(staffId, role);
        await db.SaveChangesAsync();
    }
}
