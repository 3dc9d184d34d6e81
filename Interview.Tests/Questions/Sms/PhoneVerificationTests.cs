using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions.Sms;

/// <summary>
/// 后台实名: in a column that verifies phones, a question is taken only with the SMS code sent to the asker's number;
/// codes expire, allow five wrong tries, are spent by one question, and are limited per number and per client.
/// Each test uses numbers and client addresses of its own. Run on SQLite here and on PostgreSQL
/// (<see cref="PhoneVerificationOnPostgresTests"/>).
/// </summary>
public sealed class PhoneVerificationTests(PhoneVerificationSite site) : PhoneVerificationSuite(site), IClassFixture<PhoneVerificationSite>;

/// <summary>The same on PostgreSQL: codes, limits and the one use of a code are the database's.</summary>
[Collection(Support.Servers.PostgresCollection.Name)]
public sealed class PhoneVerificationOnPostgresTests(Support.Servers.PostgresServer server, PhoneVerificationSite site)
    : PhoneVerificationSuite(site.OnPostgres(server)), IClassFixture<PhoneVerificationSite>;

public abstract class PhoneVerificationSuite(PhoneVerificationSite site)
{
    [Fact]
    public async Task AQuestionWithoutAPhoneOrACodeIsRefusedInAVerifyingColumn()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.1");

        var noPhone = await AskAsync(citizen, id, phone: null, code: null);
        var noCode = await AskAsync(citizen, id, phone: "13900000001", code: null);

        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
        Assert.Contains("须验证手机号", await noPhone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Contains("6 位验证码", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await QuestionsInAsync(id));
    }

    [Fact]
    public async Task TheRightCodeIsAcceptedOnceAndAWrongOneRefused()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.2");
        const string phone = "13900000002";

        var sent = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone = "139 0000 0002" });
        var code = site.Gateway.LastCodeFor(phone);
        var wrong = await AskAsync(citizen, id, phone, code == "000000" ? "111111" : "000000");
        var right = await AskAsync(citizen, id, phone, code);
        var again = await AskAsync(citizen, id, phone, code);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var message = site.Gateway.Messages.Last(m => m.Phone == phone);
        Assert.Equal($"Bearer {PhoneVerificationSite.ApiKey}", message.Authorization);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("验证码不正确，还可再试 4 次", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("验证码已失效", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await QuestionsInAsync(id));
    }

    [Fact]
    public async Task ACodeWorksOnlyForTheClientThatAskedForIt()
    {
        var id = await site.LiveSessionAsync();
        using var asker = site.Citizen("10.20.0.3");
        using var other = site.Citizen("10.20.0.4");
        const string phone = "13900000003";

        await asker.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });
        var fromOther = await AskAsync(other, id, phone, site.Gateway.LastCodeFor(phone));

        Assert.Equal(HttpStatusCode.BadRequest, fromOther.StatusCode);
    }

    [Fact]
    public async Task ACodeExpiresAfterFiveMinutes()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.5");
        const string phone = "13900000005";
        await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });
        var code = site.Gateway.LastCodeFor(phone);

        site.Clock.Now += TimeSpan.FromMinutes(5);
        var late = await AskAsync(citizen, id, phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("验证码已失效", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongTriesVoidTheCode()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.6");
        const string phone = "13900000006";
        await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });
        var code = site.Gateway.LastCodeFor(phone);
        var wrongCode = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await AskAsync(citizen, id, phone, wrongCode)).StatusCode);
        }
        var right = await AskAsync(citizen, id, phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("验证码已失效", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await QuestionsInAsync(id));
    }

    [Fact]
    public async Task ANumberGetsOneCodeAMinuteAndFiveAnHour()
    {
        var id = await site.LiveSessionAsync();
        const string phone = "13900000007";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // From a new client each time: the number's own limit is what is counted.
            using var citizen = site.Citizen($"10.21.0.{i + 1}");
            statuses.Add((await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone })).StatusCode);
            if (i == 0)
            {
                statuses.Add((await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone })).StatusCode);
            }
            site.Clock.Now += TimeSpan.FromSeconds(61);
        }

        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted, HttpStatusCode.Accepted,
             HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests],
            statuses);
    }

    [Fact]
    public async Task AClientGetsTenCodesAnHour()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone = $"137000000{i:D2}" })).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Theory]
    [InlineData("12345", HttpStatusCode.BadRequest)]
    [InlineData("010-12345678", HttpStatusCode.BadRequest)]
    public async Task ANumberThatCannotTakeATextIsRefused(string phone, HttpStatusCode expected)
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.9");

        var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AColumnWithoutTheSwitchTakesQuestionsAsBeforeAndSendsNoCode()
    {
        var id = await site.LiveSessionAsync(verifying: false);
        using var citizen = site.Citizen("10.20.0.10");

        var code = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone = "13900000010" });
        var question = await AskAsync(citizen, id, phone: null, code: null);

        Assert.Equal(HttpStatusCode.Conflict, code.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, question.StatusCode);
    }

    [Fact]
    public async Task AFailingGatewayGivesTheCitizenAClearErrorAndLogsTheNumberMasked()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.11");
        site.Gateway.Status = HttpStatusCode.InternalServerError;
        try
        {
            var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone = "13900000011" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("验证码发送失败，请稍后再试", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var line = Assert.Single(site.Log.Entries, e => e.Text.Contains("SMS gateway refused", StringComparison.Ordinal)).Text;
            Assert.Contains("139****0011", line, StringComparison.Ordinal);
            Assert.Contains("500", line, StringComparison.Ordinal);
        }
        finally
        {
            site.Gateway.Status = HttpStatusCode.OK;
        }
    }

    [Fact]
    public async Task NoLogLineHoldsACodeOrAFullNumberInProduction()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.12");
        const string phone = "13900000012";

        await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });
        var code = site.Gateway.LastCodeFor(phone);
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(citizen, id, phone, code)).StatusCode);

        Assert.DoesNotContain(site.Log.Entries, e => e.Text.Contains(code, StringComparison.Ordinal) || e.Text.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheVerifiedNumberIsKeptForStaffAndNeverShownToThePublic()
    {
        var id = await site.LiveSessionAsync();
        using var citizen = site.Citizen("10.20.0.13");
        using var admin = site.Client(await site.TokenAsync());
        const string phone = "13900000013";
        await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone });
        var asked = await AskAsync(citizen, id, phone, site.Gateway.LastCodeFor(phone), nickname: "实名网友");
        var receipt = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
        var qid = await site.QuestionIdAsync(receipt);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { })).IsSuccessStatusCode);

        var staffList = await admin.GetStringAsync($"/api/v1/interviews/{id}/questions");
        Assert.Contains("139****0013", staffList, StringComparison.Ordinal);
        using var anyone = site.CreateClient();
        foreach (var path in new[] { $"/interviews/{id}", $"/api/v1/interviews/{id}", $"/api/v1/interviews/{id}/entries", $"/receipts/{receipt}",
                     $"/api/v1/receipts/{receipt}", "/api/v1/interviews", "/sitemap.xml" })
        {
            var body = await anyone.GetStringAsync(path);
            Assert.DoesNotContain("13900000013", body, StringComparison.Ordinal);
            Assert.DoesNotContain("139****0013", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TurningTheSwitchOnOrOffIsAuditedAndChangesWhatTheColumnAsks()
    {
        var id = await site.LiveSessionAsync(verifying: false);
        var admin = await site.AdminActorAsync();
        var columns = site.Services.GetRequiredService<ColumnAdmin>();
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        var column = await db.Interviews.Where(i => i.Id == id).Select(i => i.ColumnId).SingleAsync();
        var row = (await columns.ListAsync(admin)).Single(c => c.Id == column);
        using var citizen = site.Citizen("10.20.0.14");

        await columns.UpdateAsync(admin, column, new ColumnEdit(row.Name, row.Slug, row.Description, row.SortOrder, RequirePhoneVerification: true));
        var onRow = (await columns.ListAsync(admin)).Single(c => c.Id == column);
        var refused = await AskAsync(citizen, id, phone: null, code: null);
        await columns.UpdateAsync(admin, column, new ColumnEdit(row.Name, row.Slug, row.Description, row.SortOrder, RequirePhoneVerification: false));
        var taken = await AskAsync(citizen, id, phone: null, code: null);

        Assert.True(onRow.RequiresPhoneVerification);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        var lines = await db.AuditLog.Where(a => a.Action == "column.phone-verification" && a.Target == $"column/{column}")
            .OrderBy(a => a.Id).Select(a => a.Details).ToListAsync();
        Assert.Equal(["on", "off"], lines);
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient citizen, int id, string? phone, string? code, string nickname = "网友") =>
        citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname, text = $"医保异地结算怎么办理？{Guid.NewGuid():N}", phone, code });

    private async Task<int> QuestionsInAsync(int id)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Questions.CountAsync(q => q.InterviewId == id);
    }
}
