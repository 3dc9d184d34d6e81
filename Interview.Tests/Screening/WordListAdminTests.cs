using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Screening;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Screening;

/// <summary>
/// Word lists through the staff API and their effect at intake and approval. The words are made up; each test uses
/// words of its own, so that the lists other tests add to the shared site do not change its outcome.
/// </summary>
public sealed class WordListAdminTests(WordListAdminTests.Site site) : IClassFixture<WordListAdminTests.Site>
{
    public sealed class Site : StaffSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
    }

    [Fact]
    public async Task SavingTwiceMakesVersionsWithHistoryAndAuditLines()
    {
        using var admin = await AdminAsync();
        var list = await CreateAsync(admin, Name(), null, ["版本甲词", "版本乙词"]);
        var id = list.GetProperty("id").GetInt32();

        var second = await admin.PutAsJsonAsync($"/api/v1/wordlists/{id}", new { words = new[] { "版本甲词", "版本丙词", "版本丁词", " 版本丁词 ", "" }, version = 1 });
        var third = await admin.PutAsJsonAsync($"/api/v1/wordlists/{id}", new { words = new[] { "版本丁词" }, version = 2 });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var saved = Json(await second.Content.ReadAsStringAsync());
        Assert.Equal((2, 2, 1, 3), (saved.GetProperty("version").GetInt32(), saved.GetProperty("added").GetInt32(),
            saved.GetProperty("removed").GetInt32(), saved.GetProperty("count").GetInt32()));
        var current = Json(await admin.GetStringAsync($"/api/v1/wordlists/{id}"));
        Assert.Equal(3, current.GetProperty("version").GetInt32());
        Assert.Equal(["版本丁词"], current.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        var history = Json(await admin.GetStringAsync($"/api/v1/wordlists/{id}/revisions")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], history.Select(r => r.GetProperty("version").GetInt32()));
        Assert.All(history, r => Assert.Equal(StaffSite.AdminEmail, r.GetProperty("savedBy").GetString()));
        var v2 = Json(await admin.GetStringAsync($"/api/v1/wordlists/{id}/revisions/2"));
        Assert.Equal(["版本甲词", "版本丙词", "版本丁词"], v2.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        var audit = (await site.AuditAsync()).Where(a => a.Target == $"wordlist/{id}").ToList();
        Assert.Equal(["wordlist.create", "wordlist.save", "wordlist.save"], audit.Select(a => a.Action));
        Assert.Contains("v2: +2 -1, 3 words", audit[1].Details, StringComparison.Ordinal);
        Assert.Contains("v3: +0 -2, 1 words", audit[2].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASaveFromAStaleVersionIsAConflict()
    {
        using var admin = await AdminAsync();
        var id = (await CreateAsync(admin, Name(), null, ["冲突甲词"])).GetProperty("id").GetInt32();
        await admin.PutAsJsonAsync($"/api/v1/wordlists/{id}", new { words = new[] { "冲突乙词" }, version = 1 });

        var stale = await admin.PutAsJsonAsync($"/api/v1/wordlists/{id}", new { words = new[] { "冲突丙词" }, version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("第 2 版", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentSavesFromOneVersionLeaveOneWinner()
    {
        using var admin = await AdminAsync();
        var id = (await CreateAsync(admin, Name(), null, ["并发词"])).GetProperty("id").GetInt32();
        var lists = site.Services.GetRequiredService<WordListAdmin>();
        var actor = await AdminActorAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await lists.SaveAsync(actor, id, [$"并发词{i}"], 1);
                return true;
            }
            catch (Interview.Web.Admin.ConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o));
        Assert.Equal([2, 1], (await lists.HistoryAsync(actor, id)).Select(r => r.Version));
    }

    [Fact]
    public async Task IntakeStoresFlagsForListWordsAndPersonalData()
    {
        using var admin = await AdminAsync();
        var name = Name();
        await CreateAsync(admin, name, null, ["入库测试词", "入庫測試詞", "没出现的词"]);
        var id = await site.DemoInterviewIdAsync("live");

        var question = await AskAsync(id, "网友", "请问入 库-测\u200B試 词是什么？我的电话13800138000，邮箱 li@example.com");

        Assert.Equal(QuestionStatus.Pending, question.Status);
        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, $"「入库测试词」 · {name} v1"), question.Flags);
        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, $"「入庫測試詞」 · {name} v1"), question.Flags);
        Assert.DoesNotContain(question.Flags, f => f.Detail.Contains("没出现的词", StringComparison.Ordinal));
        Assert.Contains(new QuestionFlag(FlagKind.PersonalData, "手机号"), question.Flags);
        Assert.Contains(new QuestionFlag(FlagKind.PersonalData, "电子邮箱"), question.Flags);
        Assert.Equal(question.Flags.Count, question.Flags.Distinct().Count());
    }

    [Fact]
    public async Task TheNicknameIsScreenedToo()
    {
        using var admin = await AdminAsync();
        var name = Name();
        await CreateAsync(admin, name, null, ["昵称测试词"]);

        var question = await AskAsync(await site.DemoInterviewIdAsync("live"), "昵称ＴＥＳＴ 昵称测 试词", "一个普通的问题");

        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, $"「昵称测试词」 · {name} v1"), question.Flags);
    }

    [Fact]
    public async Task AColumnsListAppliesOnlyToThatColumnsSessions()
    {
        using var admin = await AdminAsync();
        var health = await ColumnIdAsync("health");
        var name = Name();
        await CreateAsync(admin, name, health, ["栏目专属词"]);
        var live = await site.DemoInterviewIdAsync("live&column=health");
        var scheduled = await site.DemoInterviewIdAsync("scheduled&column=policy");

        var inHealth = await AskAsync(live, "网友", "栏目专属词出现了");
        var inPolicy = await AskAsync(scheduled, "网友", "栏目专属词出现了");

        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, $"「栏目专属词」 · {name} v1"), inHealth.Flags);
        Assert.DoesNotContain(inPolicy.Flags, f => f.Detail.Contains("栏目专属词", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASaveTakesEffectForTheNextQuestion()
    {
        using var admin = await AdminAsync();
        var name = Name();
        var id = (await CreateAsync(admin, name, null, ["缓存旧词"])).GetProperty("id").GetInt32();
        var live = await site.DemoInterviewIdAsync("live");
        var before = await AskAsync(live, "网友", "缓存新词来了");

        await admin.PutAsJsonAsync($"/api/v1/wordlists/{id}", new { words = new[] { "缓存旧词", "缓存新词" }, version = 1 });
        var after = await AskAsync(live, "网友", "缓存新词来了");

        Assert.DoesNotContain(before.Flags, f => f.Detail.Contains("缓存新词", StringComparison.Ordinal));
        Assert.Contains(new QuestionFlag(FlagKind.SensitiveWord, $"「缓存新词」 · {name} v2"), after.Flags);
    }

    [Fact]
    public async Task AFlaggedQuestionIsNeitherPublishedNorRejected()
    {
        using var admin = await AdminAsync();
        await CreateAsync(admin, Name(), null, ["不决定词"]);
        var live = await site.DemoInterviewIdAsync("live");

        var question = await AskAsync(live, "网友", "不决定词 会怎样");

        Assert.NotEmpty(question.Flags);
        Assert.Equal(QuestionStatus.Pending, question.Status);
        using var client = site.CreateClient();
        Assert.DoesNotContain("不决定词", await client.GetStringAsync($"/interviews/{live}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalMasksPersonalDataUnlessTheModeratorKeepsIt()
    {
        using var admin = await AdminAsync();
        var live = await site.DemoInterviewIdAsync("live");
        var masked = await AskAsync(live, "网友", $"请回电13900139000，编号{Guid.NewGuid():N}");
        var kept = await AskAsync(live, "网友", $"单位热线15000150000对吗，编号{Guid.NewGuid():N}");

        var first = await admin.PostAsJsonAsync($"/api/v1/questions/{masked.Id}/approve", new { });
        var second = await admin.PostAsJsonAsync($"/api/v1/questions/{kept.Id}/approve", new { keepPersonalData = true });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var client = site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{live}");
        Assert.Contains("请回电139****9000", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", page, StringComparison.Ordinal);
        Assert.Contains("单位热线15000150000", page, StringComparison.Ordinal);
        var stored = await QuestionAsync(masked.Id);
        Assert.StartsWith("请回电13900139000", stored.OriginalText, StringComparison.Ordinal);
        var audit = (await site.AuditAsync()).Single(a => a.Target == $"question/{kept.Id}" && a.Action == "question.approve");
        Assert.Contains("personal data kept", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestEndpointShowsSpansAndTheMaskedText()
    {
        using var admin = await AdminAsync();
        var name = Name();
        await CreateAsync(admin, name, null, ["试验词"]);

        var response = await admin.PostAsJsonAsync("/api/v1/wordlists/test", new { text = "这句有试 验 词和 a@b.cn" });
        var report = Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hit = report.GetProperty("words").EnumerateArray().Single(w => w.GetProperty("listName").GetString() == name);
        Assert.Equal(("试验词", 3, 5, "试 验 词"), (hit.GetProperty("word").GetString(), hit.GetProperty("start").GetInt32(),
            hit.GetProperty("length").GetInt32(), hit.GetProperty("matchedText").GetString()));
        Assert.Equal("email", report.GetProperty("personalData")[0].GetProperty("kind").GetString());
        Assert.EndsWith("和 *@b.cn", report.GetProperty("masked").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsManageWordLists()
    {
        var email = $"mod-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "moderator");
        using var moderator = site.Client(await site.TokenAsync(email));
        using var anonymous = site.Client(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/api/v1/wordlists")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostAsJsonAsync("/api/v1/wordlists", new { name = "x", words = new[] { "y" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/wordlists")).StatusCode);
    }

    [Fact]
    public async Task ThePageSendsStrangersToSignIn()
    {
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/admin/wordlists");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicateNameOrAnUnknownColumnIsRefused()
    {
        using var admin = await AdminAsync();
        var name = Name();
        await CreateAsync(admin, name, null, ["重名词"]);

        var again = await admin.PostAsJsonAsync("/api/v1/wordlists", new { name, words = new[] { "别的词" } });
        var unknown = await admin.PostAsJsonAsync("/api/v1/wordlists", new { name = Name(), columnId = 9999, words = new[] { "别的词" } });
        var empty = await admin.PostAsJsonAsync("/api/v1/wordlists", new { name = Name(), words = new[] { "？？" } });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    private static string Name() => $"词表{Guid.NewGuid():N}"[..12];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<HttpClient> AdminAsync() => site.Client(await site.TokenAsync());

    private async Task<StaffActor> AdminActorAsync()
    {
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == StaffSite.AdminEmail).Select(u => u.Id).SingleAsync();
        return new StaffActor(id, StaffSite.AdminEmail, "127.0.0.1");
    }

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string name, int? columnId, string[] words)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/wordlists", new { name, columnId, words });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Json(await response.Content.ReadAsStringAsync());
    }

    private async Task<int> ColumnIdAsync(string slug)
    {
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Columns.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync();
    }

    private async Task<Question> AskAsync(int interviewId, string nickname, string text)
    {
        using var client = site.CreateClient();
        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions", new { nickname, text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = Json(await response.Content.ReadAsStringAsync()).GetProperty("receipt").GetString();
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Questions.AsNoTracking().SingleAsync(q => q.Receipt == receipt);
    }

    private async Task<Question> QuestionAsync(int id)
    {
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Questions.AsNoTracking().SingleAsync(q => q.Id == id);
    }
}
