using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interview.Tests.Live;
using Interview.Tests.Support;
using Interview.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Web;

/// <summary>
/// Question → answer pairs (issue 13 point 2): on the public page and in the API an answer links the question it
/// answers and the question its answers; 正在回答 marks the question on the floor by the host console's rule; a 会后答复
/// to a question never put to the guests shows that question, on the archive page and in the Markdown download.
/// </summary>
public sealed class QuestionAnswerPairTests(LiveRoomTests.Site site) : IClassFixture<LiveRoomTests.Site>
{
    private static readonly HtmlParser Html = new();

    [Fact]
    public async Task AQuestionPutAndAnsweredLinkBothWaysAndTheFloorMovesOnAsTheyAreAnswered()
    {
        var id = await site.NewLiveSessionAsync("配对测试");
        using var admin = site.Client(await site.TokenAsync());
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.13.2.1"));
        var first = await site.ApprovedQuestionAsync(admin, citizen, id, "小区加装电梯有补贴吗？", "老街坊");
        var second = await site.ApprovedQuestionAsync(admin, citizen, id, "补贴多久能到账？", "三楼住户");
        var guestId = await site.GuestIdAsync(id);

        var put = await PublishAsync(admin, id, new { kind = "question", questionId = first });
        var putNext = await PublishAsync(admin, id, new { kind = "question", questionId = second });
        var onFloor = await PageAsync(id);
        Assert.Equal([$"e{put}"], FloorIds(onFloor));
        Assert.Equal("正在回答", onFloor.QuerySelector($"#e{put} .tag-floor")!.TextContent);
        Assert.Equal("true", onFloor.QuerySelector($"#e{put}")!.GetAttribute("aria-current"));

        var answer = await PublishAsync(admin, id, new { kind = "guest", markdown = "有，每台最高补贴二十万元。", guestId, questionId = first });
        var page = await PageAsync(id);
        var toQuestion = page.QuerySelector($"#e{answer} a.pair-question")!;
        Assert.Equal($"#e{put}", toQuestion.GetAttribute("href"));
        Assert.Equal($"回答第{put}条的提问", toQuestion.TextContent);
        var toAnswer = Assert.Single(page.QuerySelectorAll($"#e{put} .pair-answers a"));
        Assert.Equal($"#e{answer}", toAnswer.GetAttribute("href"));
        Assert.Equal($"第{answer}条：对这一提问的回答", toAnswer.GetAttribute("aria-label"));
        Assert.Empty(page.QuerySelectorAll($"#e{putNext} .pair-answers"));
        // Answered, the first leaves the floor to the question put after it, as on the host console.
        Assert.Equal([$"e{putNext}"], FloorIds(page));

        var entries = await EntriesAsync(id);
        Assert.Equal(put, entries[answer].GetProperty("questionSeq").GetInt32());
        Assert.Equal(first, entries[answer].GetProperty("questionId").GetInt32());
        Assert.Equal([answer], entries[put].GetProperty("answerSeqs").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Empty(entries[putNext].GetProperty("answerSeqs").EnumerateArray());
        Assert.True(entries[putNext].GetProperty("onTheFloor").GetBoolean());
        Assert.False(entries[put].TryGetProperty("onTheFloor", out _));
        Assert.False(entries[answer].TryGetProperty("answerSeqs", out _));

        // The host marks the second answered without a typed answer: nothing is on the floor any more.
        await site.Services.GetRequiredService<LivePublisher>().MarkAnsweredAsync(await site.AdminActorAsync(), id, second);
        Assert.Empty(FloorIds(await PageAsync(id)));
    }

    [Fact]
    public async Task AFollowUpToAQuestionNeverPutShowsThatQuestionInTheArchiveTheApiAndTheMarkdown()
    {
        var id = await site.NewLiveSessionAsync("会后答复配对");
        using var admin = site.Client(await site.TokenAsync());
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.13.2.2"));
        var question = await site.ApprovedQuestionAsync(admin, citizen, id, "夜间门诊能开长处方吗？", "夜班护士");
        await PublishAsync(admin, id, new { kind = "host", markdown = "今天的访谈到此结束。" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "ended" })).StatusCode);
        var waiting = (await PageAsync(id)).QuerySelector($"section.awaiting #q{question}")!;
        Assert.Contains("夜间门诊能开长处方吗？", waiting.TextContent, StringComparison.Ordinal);
        var followUp = await PublishAsync(admin, id, new { kind = "followup", markdown = "经核实，可以开具**长处方**。", questionId = question });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "published" })).StatusCode);

        var page = await PageAsync(id);
        var quoted = page.QuerySelector($"#e{followUp} blockquote.pair-unasked")!;
        Assert.Equal("会后答复的提问：", quoted.QuerySelector(".entry-pair")!.TextContent);
        Assert.Equal("[网友 夜班护士]", quoted.QuerySelector(".speaker")!.TextContent);
        Assert.Contains("夜间门诊能开长处方吗？", quoted.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"#e{followUp} a.pair-question"));
        // Answered, it no longer waits: it is in the transcript with its answer.
        Assert.Null(page.QuerySelector("section.awaiting"));

        var entry = (await EntriesAsync(id))[followUp];
        Assert.False(entry.TryGetProperty("questionSeq", out _));
        var asked = entry.GetProperty("unaskedQuestion");
        Assert.Equal(question, asked.GetProperty("id").GetInt32());
        Assert.Equal("夜班护士", asked.GetProperty("nickname").GetString());
        Assert.Equal("夜间门诊能开长处方吗？", asked.GetProperty("text").GetString());

        using var reader = site.CreateClient();
        var markdown = await reader.GetStringAsync($"/interviews/{id}/transcript.md");
        var at = markdown.IndexOf($"[#{followUp}]", StringComparison.Ordinal);
        Assert.True(at > 0, markdown);
        Assert.Contains("> 会后答复的提问：\n>\n> \\[网友 夜班护士\\] 夜间门诊能开长处方吗？", markdown[at..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMarkdownDownloadLinksAnAnswerToItsQuestionAndTheQuestionToItsAnswer()
    {
        var id = await site.NewLiveSessionAsync("下载配对");
        using var admin = site.Client(await site.TokenAsync());
        using var citizen = site.CreateDefaultClient(new ClientAddress("10.13.2.3"));
        var question = await site.ApprovedQuestionAsync(admin, citizen, id, "老旧小区改造包括哪些内容？", "老住户");
        var neverPut = await site.ApprovedQuestionAsync(admin, citizen, id, "改造期间停水怎么办？", "二单元");
        var put = await PublishAsync(admin, id, new { kind = "question", questionId = question });
        var answer = await PublishAsync(admin, id, new { kind = "guest", markdown = "包括管网和加装电梯。", guestId = await site.GuestIdAsync(id), questionId = question });
        foreach (var to in new[] { "ended", "published" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);
        }

        using var reader = site.CreateClient();
        var markdown = await reader.GetStringAsync($"/interviews/{id}/transcript.md");

        Assert.Contains($"*回答：[#{answer}](http://localhost/interviews/{id}#e{answer})*", markdown, StringComparison.Ordinal);
        Assert.Contains($"*回答 [#{put}](http://localhost/interviews/{id}#e{put}) 的提问*", markdown, StringComparison.Ordinal);
        // The approved question never put waits for its 会后答复 under its own heading, after the transcript.
        Assert.Contains("## 会后答复中\n\n以下网友提问在访谈中未及回答，答复将在会后发布于此。\n\n- \\[网友 二单元\\] 改造期间停水怎么办？\n", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("## 会后答复中", StringComparison.Ordinal) > markdown.IndexOf($"[#{answer}]", StringComparison.Ordinal));
        // The archive is not live: nothing is on its floor.
        Assert.Empty(FloorIds(await PageAsync(id)));
        // The HTML snapshot keeps the pairs as links within the file; the English page words them in English.
        var snapshot = await Html.ParseDocumentAsync(await reader.GetStringAsync($"/interviews/{id}/snapshot.html"));
        Assert.Equal($"#e{put}", snapshot.QuerySelector($"#e{answer} a.pair-question")!.GetAttribute("href"));
        Assert.Equal($"#e{answer}", snapshot.QuerySelector($"#e{put} .pair-answers a")!.GetAttribute("href"));
        Assert.Contains("改造期间停水怎么办？", snapshot.QuerySelector($"section.awaiting #q{neverPut}")!.TextContent, StringComparison.Ordinal);
        var english = await Html.ParseDocumentAsync(await reader.GetStringAsync($"/interviews/{id}?culture=en"));
        Assert.Equal($"Answers the question in entry {put}", english.QuerySelector($"#e{answer} a.pair-question")!.TextContent);
        Assert.Equal($"Entry {answer}: an answer to this question", english.QuerySelector($"#e{put} .pair-answers a")!.GetAttribute("aria-label"));
    }

    private static IEnumerable<string> FloorIds(IDocument page) => page.QuerySelectorAll("li.entry-floor").Select(li => li.Id!);

    private async Task<IDocument> PageAsync(int id)
    {
        using var reader = site.CreateClient();
        return await Html.ParseDocumentAsync(await reader.GetStringAsync($"/interviews/{id}"));
    }

    private async Task<Dictionary<int, JsonElement>> EntriesAsync(int id)
    {
        using var reader = site.CreateClient();
        var items = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/interviews/{id}/entries")).RootElement.GetProperty("items").Clone();
        return items.EnumerateArray().ToDictionary(e => e.GetProperty("seq").GetInt32());
    }

    private static async Task<int> PublishAsync(HttpClient staff, int id, object entry)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", entry);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt32();
    }
}
