using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Tests.Search;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Text;

/// <summary>
/// No text can stop publication: every string of the Big List of Naughty Strings and every kind of troublesome code
/// point goes in through the staff API and the question form's API (column, session, guests, questions, the moderator's
/// approval, entries), the session is published, and every public output (pages, API, search, feed, sitemap,
/// Markdown, snapshot) answers without a 5xx.
/// </summary>
public sealed class AnyTextPublishesTests(AnyTextPublishesTests.Site site) : IClassFixture<AnyTextPublishesTests.Site>
{
    /// <summary>No demo data; citizens may ask as often as the test needs.</summary>
    public sealed class Site : SearchSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "100000");
    }

    private const int PerSession = 25;
    private const int StringsPerAnswer = 5;

    /// <summary>Code points that .NET, XML, UTF-8 or a renderer has been known to choke on.</summary>
    public static readonly string[] TroublesomeCodePoints =
    [
        "\uFFFE", "\uFFFF", "\U0010FFFF", "\U0010FFFE", "\U0001FFFE", "\uFDD0", "\uFDEF", "\uD800", "\uDBFF", "\uDC00",
        "\uDFFF", "\uDC00\uD800", "a\uD800b", "\u0378", "\U000E0080", "\U0003FFFD", "\0", "\u0001\u001F\u007F\u0085",
        "\u0301", "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A", "\u202E右到左\u202D", "\u2066\u2067\u2068\u2069",
        "\uFEFF", "\u200B\u200C\u200D", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\uE000\U000F0000", "\u2028\u2029",
        "\r\n\r", "]]>", "\uFFFD", "\uFFFE医保\uFFFF", "社\uD800保",
    ];

    [Fact]
    public async Task EveryNaughtyStringAndTroublesomeCodePointIsPublishedSearchedAndExportedWithoutA5xx()
    {
        using var admin = site.Client(await site.TokenAsync());
        using var citizen = site.CreateClient();
        var outputs = new PublicOutputs(site.CreateClient());
        var strings = NaughtyStrings.All().Concat(TroublesomeCodePoints).Distinct().ToList();
        Assert.True(strings.Count > 500);

        foreach (var (batch, number) in strings.Chunk(PerSession).Select((b, i) => (b, i)))
        {
            var (id, slug) = await PublishSessionAsync(site, admin, citizen, batch, number);
            await outputs.SessionAsync(id, $"session {number}");
            await outputs.ColumnAsync(slug, $"session {number}");
        }
        // Every string is a query to the API; the page, which renders the same results, gets the code points and a
        // quarter of the list.
        await Parallel.ForEachAsync(strings.Select((text, i) => (text, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (query, _) => await outputs.SearchAsync(query.text, page: query.i % 4 == 0 || TroublesomeCodePoints.Contains(query.text)));
        Assert.True(outputs.Requests > strings.Count, $"only {outputs.Requests} reads");
    }

    [Fact]
    public async Task TextStoredBeforeTheCleaningStillPublishesAndIsSearchable()
    {
        // A site upgraded with U+FFFE, NUL and controls already in its tables: the outputs and the index must take them.
        var column = await site.ColumnAsync("旧数据", "stored");
        var id = await site.SessionAsync(column, "旧标题", "旧摘要", DateTimeOffset.UtcNow.AddHours(-1), ("嘉宾", "主任", "单位"));
        await site.MoveAsync(id, InterviewStatus.Live);
        var seq = await site.PublishAsync(id, "旧内容");
        const string stored = "\uFFFE医保\uFFFF\0\u0001\uFDD0报销\U0010FFFF";
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE Entries SET Markdown = {0}, Html = {1}, Text = {0} WHERE InterviewId = {2} AND Seq = {3}", stored, $"<p>{stored}</p>", id, seq);
            await db.Database.ExecuteSqlRawAsync("UPDATE Interviews SET Title = {0}, SummaryMarkdown = {0} WHERE Id = {1}", stored, id);
            await db.Database.ExecuteSqlRawAsync("UPDATE Guests SET Name = {0}, Position = {0}, Organization = {0} WHERE InterviewId = {1}", stored, id);
            await db.Database.ExecuteSqlRawAsync("UPDATE Columns SET Name = {0}, Description = {0} WHERE Id = {1}", stored, column);
        }

        await site.MoveAsync(id, InterviewStatus.Ended, InterviewStatus.Published);

        var outputs = new PublicOutputs(site.CreateClient());
        await outputs.SessionAsync(id, "stored text");
        await outputs.ColumnAsync("stored", "stored text");
        await outputs.SearchAsync(stored);
        Assert.Contains(await site.SearchAllAsync("医保"), item =>
            item.GetProperty("interviewId").GetInt32() == id && item.GetProperty("kind").GetString() == "entry" && item.GetProperty("seq").GetInt32() == seq);
    }

    [Fact]
    public async Task AnEscapedLoneSurrogateInJsonIsABadRequest()
    {
        var id = await site.SessionAsync(await site.ColumnAsync("提问", "json"), "接受提问", "", DateTimeOffset.UtcNow.AddDays(1), ("嘉宾", "", ""));
        using var citizen = site.CreateClient();

        var response = await citizen.PostAsync($"/api/v1/interviews/{id}/questions",
            new StringContent("""{"nickname":"网友","text":"问\ud800题"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// One column and session per batch, every string of it in the column's and the session's texts, a guest named by
    /// it, in a citizen's question that a moderator approves and puts to the guests, and in a guest's answer; then
    /// published. Several strings share a question or an answer, which keeps the writes (and the test's time) down.
    /// </summary>
    private static async Task<(int Id, string Slug)> PublishSessionAsync(
        Site site, HttpClient admin, HttpClient citizen, string[] batch, int number)
    {
        var all = string.Join("\n\n", batch);
        var slug = $"text-{number}";
        var column = await CreatedAsync(admin, "/api/v1/columns",
            new { name = $"栏目{number}" + Clip(batch[0], 40), slug, description = Clip(all, 500) }, "the column");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var session = await CreatedAsync(admin, "/api/v1/interviews", new
        {
            columnId = column.GetProperty("id").GetInt32(),
            title = $"第{number}期" + Clip(batch[0], 90),
            summary = Clip(all, 10_000),
            scheduledStart = start,
            scheduledEnd = start.AddHours(2),
            guests = batch.Select(s => new { name = "嘉宾" + Clip(s, 40), title = Clip(s, 100), organization = Clip(s, 100), bio = Clip(s, 2000) }),
        }, $"session {number}");
        var id = session.GetProperty("id").GetInt32();
        var guests = session.GetProperty("guests").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()).ToList();
        await TransitionAsync(admin, id, "scheduled", "live");

        // Citizens' questions, as many strings to a question as fit, asked all at once as a crowd would (the intake
        // writes them in a few group commits); each approved by a moderator and put to the guest.
        var asks = Pack(batch, Question.MaxTextLength - 10);
        var receipts = await Task.WhenAll(asks.Select(async text =>
        {
            var nickname = UnicodeText.Clean(text).Length is > 0 and <= Question.MaxNicknameLength ? text : "网友";
            var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname, text = "问：" + text });
            Assert.True(asked.StatusCode == HttpStatusCode.Accepted, $"{(int)asked.StatusCode} asking {PublicOutputs.Show(text)}: {await asked.Content.ReadAsStringAsync()}");
            return (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        }));
        Dictionary<string, int> questions;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            questions = await db.Questions.Where(q => receipts.Contains(q.Receipt)).ToDictionaryAsync(q => q.Receipt, q => q.Id);
        }
        foreach (var (text, receipt) in asks.Zip(receipts))
        {
            await OkAsync(admin, $"/api/v1/questions/{questions[receipt]}/approve", new { keepPersonalData = true }, PublicOutputs.Show(text));
            await CreatedAsync(admin, $"/api/v1/interviews/{id}/entries", new { kind = "question", questionId = questions[receipt] }, PublicOutputs.Show(text));
        }
        // The guests' answers: a few strings to an entry, read as Markdown.
        foreach (var (answer, index) in batch.Chunk(StringsPerAnswer).Select((a, i) => (string.Join("\n\n", a), i)))
        {
            var answered = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries",
                new { kind = "guest", guestId = guests[index], markdown = answer });
            // Text that is nothing once cleaned (only control characters, say) is refused as empty; anything else is published.
            var expected = UnicodeText.Clean(AsJsonSendsIt(answer)).Length > 0 ? HttpStatusCode.Created : HttpStatusCode.BadRequest;
            Assert.True(answered.StatusCode == expected, $"{(int)answered.StatusCode} answering {PublicOutputs.Show(answer)}: {await answered.Content.ReadAsStringAsync()}");
        }
        await TransitionAsync(admin, id, "ended", "published");
        return (id, slug);
    }

    private static async Task TransitionAsync(HttpClient admin, int id, params string[] states)
    {
        foreach (var to in states)
        {
            await OkAsync(admin, $"/api/v1/interviews/{id}/transitions", new { to }, $"session {id} to {to}");
        }
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string path, object body, string what)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} for {path} with {what}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task OkAsync(HttpClient client, string path, object body, string what)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {path} with {what}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The strings joined by line breaks, as few groups as keep each within <paramref name="length"/> (a longer string is cut).</summary>
    private static List<string> Pack(IEnumerable<string> strings, int length)
    {
        var groups = new List<string>();
        var group = new StringBuilder();
        foreach (var text in strings.Select(s => Clip(s, length)))
        {
            if (group.Length > 0 && group.Length + 1 + text.Length > length)
            {
                groups.Add(group.ToString());
                group.Clear();
            }
            group.Append(group.Length > 0 ? "\n" : "").Append(text);
        }
        groups.Add(group.ToString());
        return groups;
    }

    /// <summary>A JSON client sends a lone surrogate as U+FFFD (it cannot encode it otherwise).</summary>
    private static string AsJsonSendsIt(string text) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(text))!;

    /// <summary>At most <paramref name="length"/> UTF-16 units: a cut may split a surrogate pair, which is one more test.</summary>
    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
