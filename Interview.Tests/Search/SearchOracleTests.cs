using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;

namespace Interview.Tests.Search;

/// <summary>
/// The search finds, for every query, exactly the published entries whose text contains it (by <see cref="Oracle"/>,
/// which computes the answer from the texts themselves), and nothing of unpublished sessions or unapproved questions.
/// </summary>
public sealed class SearchOracleTests(SearchOracleTests.Corpus corpus) : IClassFixture<SearchOracleTests.Corpus>
{
    public static readonly TheoryData<string> Queries =
    [
        // one, two and three characters, and reversed pairs
        "医", "保", "税", "医保", "保医", "社保", "公积金", "积金公", "疫苗接种",
        // Latin and mixed, any case or width
        "H1N1", "h1n1", "Ｈ１Ｎ１", "H1N1流感", "流感", "5G", "app", "APP", "pm2.5",
        // punctuation inside a query, several words, a quoted phrase, a word with a one-character word
        "医，保", "医保 报销", "\"医保 报销\"", "税 发票", "医保 H1N1",
        // absent
        "哈哈哈", "医保卡号",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task EveryQueryFindsExactlyThePublishedEntriesThatContainIt(string query)
    {
        var expected = corpus.Published.Where(e => Oracle.Matches(e.Text, query)).Select(e => (e.InterviewId, e.Seq)).ToHashSet();

        var found = await corpus.Site.SearchAllAsync(query);

        var entries = found.Where(i => i.GetProperty("kind").GetString() == "entry")
            .Select(i => (i.GetProperty("interviewId").GetInt32(), i.GetProperty("seq").GetInt32())).ToList();
        Assert.Equal(entries.Count, entries.Distinct().Count());
        Assert.Equal(expected.Order(), entries.Order());
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task RelevanceOrderFindsTheSameDocumentsAsNewestFirst(string query)
    {
        var newest = await corpus.Site.SearchAllAsync(query, "newest");
        var relevance = await corpus.Site.SearchAllAsync(query, "relevance");

        Assert.Equal(newest.Select(Key).Order(), relevance.Select(Key).Order());
    }

    [Fact]
    public void TheCorpusCoversWhatTheQueriesAreAbout()
    {
        // Guards the test itself: the interesting queries have answers, and the reversed pair and separated
        // characters really are absent where they must be.
        Assert.True(corpus.Published.Count(e => Oracle.Matches(e.Text, "医保")) >= 5);
        Assert.Single(corpus.Published, e => Oracle.Matches(e.Text, "保医"));
        Assert.True(corpus.Published.Count(e => Oracle.Matches(e.Text, "H1N1")) >= 4);
        Assert.Contains(corpus.Published, e => Oracle.Matches(e.Text, "医") && !Oracle.Matches(e.Text, "医保"));
        Assert.Contains(corpus.Published, e => Oracle.Matches(e.Text, "医保") && Oracle.Matches(e.Text, "报销") && !Oracle.Matches(e.Text, "\"医保 报销\""));
        Assert.True(corpus.Unpublished.Count(t => Oracle.Matches(t, "医保")) >= 2);
    }

    [Theory]
    [InlineData("直播专用词")]
    [InlineData("会后专用词")]
    [InlineData("待审专用词")]
    [InlineData("未采用专用词")]
    [InlineData("合并专用词")]
    public async Task WhatIsNotPublishedIsNeverFound(string word)
    {
        var result = await corpus.Site.SearchAsync(word);

        Assert.Equal(0, result.GetProperty("total").GetInt32());
        Assert.Empty(result.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnApprovedQuestionThatWasNotAskedLiveIsFoundAsAQuestion()
    {
        var hit = Assert.Single(await corpus.Site.SearchAllAsync("已采用专用词"));

        Assert.Equal("question", hit.GetProperty("kind").GetString());
        Assert.Equal(corpus.Health, hit.GetProperty("interviewId").GetInt32());
        Assert.Equal($"/interviews/{corpus.Health}#q{corpus.ApprovedQuestion}", hit.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AQuestionAskedInTheTranscriptIsFoundOnceAsItsEntry()
    {
        var hit = Assert.Single(await corpus.Site.SearchAllAsync("提问入实录专用词"));

        Assert.Equal("entry", hit.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("医疗保障政策解读")]
    [InlineData("长期护理保险")]
    [InlineData("王卫民")]
    [InlineData("市医疗保障局")]
    [InlineData("待遇保障处处长")]
    public async Task TheSessionsTitleSummaryAndGuestsAreFoundAsTheSession(string word)
    {
        var found = await corpus.Site.SearchAllAsync(word);

        var session = Assert.Single(found, i => i.GetProperty("kind").GetString() == "session");
        Assert.Equal(corpus.Health, session.GetProperty("interviewId").GetInt32());
        Assert.Equal($"/interviews/{corpus.Health}", session.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("seq").ValueKind);
    }

    [Fact]
    public async Task AResultLinksToItsEntryOnTheArchivePage()
    {
        var hit = (await corpus.Site.SearchAllAsync("积金公")).Single();
        var (id, seq) = (hit.GetProperty("interviewId").GetInt32(), hit.GetProperty("seq").GetInt32());

        Assert.Equal($"/interviews/{id}#e{seq}", hit.GetProperty("url").GetString());
        using var client = corpus.Site.CreateClient();
        var page = await client.GetStringAsync($"/interviews/{id}");
        var at = page.IndexOf($"id=\"e{seq}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "the entry's anchor is on the page");
        Assert.Contains("积金公", page[at..page.IndexOf("</li>", at, StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnippetsEscapeTheTextAndMarkTheWords()
    {
        var hit = (await corpus.Site.SearchAllAsync("标签测试")).Single();
        var snippet = hit.GetProperty("snippet").GetString()!;

        Assert.Contains("<mark>标签测试</mark>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", snippet, StringComparison.Ordinal);
        Assert.Contains("&amp;", snippet, StringComparison.Ordinal);
        var tags = System.Text.RegularExpressions.Regex.Matches(snippet, "<[^>]*>").Select(m => m.Value).Distinct().Order();
        Assert.Equal(["</mark>", "<mark>"], tags);
    }

    [Fact]
    public async Task SnippetsMarkFullWidthAndMixedCaseMatchesInTheOriginalText()
    {
        var found = await corpus.Site.SearchAllAsync("h1n1");

        var snippets = found.Select(i => i.GetProperty("snippet").GetString()!).ToList();
        Assert.Contains(snippets, s => s.Contains("<mark>Ｈ１Ｎ１</mark>", StringComparison.Ordinal));
        Assert.Contains(snippets, s => s.Contains("<mark>H1N1</mark>流感", StringComparison.Ordinal));
        Assert.Contains(snippets, s => s.Contains("<mark>H1 N1</mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagesDoNotOverlapAndCoverEveryResult()
    {
        var all = await corpus.Site.SearchAllAsync("的");
        var first = await corpus.Site.SearchAsync("的", "&sort=newest&page=1");
        var second = await corpus.Site.SearchAsync("的", "&sort=newest&page=2");

        Assert.True(all.Count > 20, $"only {all.Count} results: the corpus should need two pages");
        Assert.Equal(all.Count, first.GetProperty("total").GetInt32());
        Assert.Equal(20, first.GetProperty("items").GetArrayLength());
        Assert.Empty(first.GetProperty("items").EnumerateArray().Select(Key).Intersect(second.GetProperty("items").EnumerateArray().Select(Key)));
        Assert.Equal(all.Count, all.Select(Key).Distinct().Count());
    }

    [Fact]
    public async Task NewestFirstPutsTheLaterPublishedSessionFirst()
    {
        var found = await corpus.Site.SearchAllAsync("医保", "newest");

        var sessions = found.Select(i => i.GetProperty("interviewId").GetInt32()).Distinct().ToList();
        Assert.Equal([corpus.Policy, corpus.Health], sessions);
    }

    [Fact]
    public async Task FiltersByColumnYearAndGuestOrganization()
    {
        var byColumn = await corpus.Site.SearchAllAsync("医保", extra: "&column=policy");
        var byYear = await corpus.Site.SearchAllAsync("医保", extra: "&year=2025");
        var byOrganization = await corpus.Site.SearchAllAsync("医保", extra: "&org=" + Uri.EscapeDataString("市医疗保障局"));
        var nothing = await corpus.Site.SearchAllAsync("医保", extra: "&year=2019");

        Assert.NotEmpty(byColumn);
        Assert.All(byColumn, i => Assert.Equal(corpus.Policy, i.GetProperty("interviewId").GetInt32()));
        Assert.NotEmpty(byYear);
        Assert.All(byYear, i => Assert.Equal(corpus.Health, i.GetProperty("interviewId").GetInt32()));
        Assert.NotEmpty(byOrganization);
        Assert.All(byOrganization, i => Assert.Equal(corpus.Health, i.GetProperty("interviewId").GetInt32()));
        Assert.Empty(nothing);
        Assert.Equal((await corpus.Site.SearchAllAsync("医保")).Count, byColumn.Count + byYear.Count);
    }

    [Theory]
    [InlineData("q=", "请输入")]
    [InlineData("q=%20%20", "请输入")]
    [InlineData("q=%EF%BC%8C%E3%80%82", "请输入")]
    [InlineData("", "请输入")]
    [InlineData("q=%E5%8C%BB%E4%BF%9D&sort=oldest", "排序")]
    [InlineData("q=%E5%8C%BB%E4%BF%9D&page=0", "页码")]
    public async Task ABadQueryIsA400WithAChineseMessage(string query, string message)
    {
        var response = await corpus.Site.SearchResponseAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlongQueryIsA400()
    {
        var response = await corpus.Site.SearchResponseAsync("q=" + Uri.EscapeDataString(new string('医', 101)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownColumnIsA404()
    {
        var response = await corpus.Site.SearchResponseAsync("q=%E5%8C%BB&column=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static (string, int, string) Key(JsonElement item) => (
        item.GetProperty("kind").GetString()!, item.GetProperty("interviewId").GetInt32(), item.GetProperty("url").GetString()!);

    /// <summary>
    /// Two published sessions (2025 in 卫健在线, 2026 in 政策解读), one live and one ended but not published, with
    /// questions in every state.
    /// </summary>
    public sealed class Corpus : IAsyncLifetime
    {
        /// <summary>The guests' answers published in 卫健在线's session (the search store tests index them too).</summary>
        public static readonly string[] HealthTexts =
        [
            "医保个人账户可以支付家属的接种费用。",
            "请到医保窗口办理，社保卡也可以用。",
            "保医两个字倒过来写并不常见。",
            "医，保是两个分开的字。",
            "医 保之间只隔一个空格。",
            "甲型H1N1流感疫苗已经到货。",
            "Ｈ１Ｎ１（全角）也应能搜到。",
            "h1n1 流感 的防控要点",
            "H1 N1 is written with a space.",
            "住房公积金可以用于租房提取。",
            "积金公三个字倒序。",
            "5G基站建设和APP办理。",
            "下载App后即可预约。",
            "PM2.5浓度持续下降。",
            "PM2，5 用逗号隔开也算一个断点。",
            "happy 与 app 的关系",
            "疫苗接种要提前预约。",
            "接种疫苗后观察30分钟。",
            "我们今天讨论医保报销的具体流程。",
            "报销比例提高了，医保目录也扩大了。",
            "<b>标签测试</b> & \"引号\" 不是标签。",
            "零宽\u200B字符：医\u200B保",
            "个人所得税专项附加扣除。",
            "发票可以在线开具，税务部门提供帮助。",
        ];

        /// <summary>The entries published in 政策解读's session.</summary>
        public static readonly string[] PolicyTexts =
        [
            "医保电子凭证的使用方法。", "医保报销可以网上办理。", "的的确确，这是第一段。",
            .. Enumerable.Range(1, 20).Select(i => $"第{i}条的说明，政策的细节。"),
        ];

        public SearchSite Site { get; } = new();
        public int Health { get; private set; }
        public int Policy { get; private set; }
        public int ApprovedQuestion { get; private set; }
        public List<(int InterviewId, int Seq, string Text)> Published { get; } = [];
        public List<string> Unpublished { get; } = [];

        public async Task InitializeAsync()
        {
            var health = await Site.ColumnAsync("卫健在线", "health");
            var policy = await Site.ColumnAsync("政策解读", "policy");
            var year2025 = new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.FromHours(8));
            var year2026 = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8));

            Health = await Site.SessionAsync(health, "医疗保障政策解读", "本期访谈介绍长期护理保险。", year2025,
                ("王卫民", "市医疗保障局待遇保障处处长", "市医疗保障局"));
            ApprovedQuestion = await Site.AskAsync(Health, "已采用专用词：异地就医怎么备案？");
            var asked = await Site.AskAsync(Health, "提问入实录专用词：医保卡丢了怎么办？");
            await Site.AskAsync(Health, "待审专用词：这条还没有审核。");
            await Site.RejectAsync(await Site.AskAsync(Health, "未采用专用词：与主题无关。"));
            await Site.ApproveAsync(ApprovedQuestion);
            await Site.ApproveAsync(asked);
            var merged = await Site.AskAsync(Health, "合并专用词：医保卡丢失补办？");
            await Site.MergeAsync(merged, asked);
            await Site.MoveAsync(Health, InterviewStatus.Live);
            foreach (var text in HealthTexts)
            {
                await Site.PublishAsync(Health, text, EntryKind.Guest);
            }
            await Site.PublishAsync(Health, "", EntryKind.Question, asked);
            await Site.MoveAsync(Health, InterviewStatus.Ended, InterviewStatus.Published);

            Policy = await Site.SessionAsync(policy, "营商环境政策发布", "介绍一网通办。", year2026, ("赵敏", "主任", "市政务服务中心"));
            await Site.MoveAsync(Policy, InterviewStatus.Live);
            foreach (var text in PolicyTexts)
            {
                await Site.PublishAsync(Policy, text);
            }
            await Site.MoveAsync(Policy, InterviewStatus.Ended, InterviewStatus.Published);

            // Never published: a session still live, and one ended but not yet published.
            var live = await Site.SessionAsync(health, "直播中的访谈", "直播专用词", year2026, ("钱进", "科长", "市卫生健康委员会"));
            await Site.MoveAsync(live, InterviewStatus.Live);
            var ended = await Site.SessionAsync(policy, "已结束未发布", "会后专用词", year2026, ("孙力", "科长", "市税务局"));
            await Site.MoveAsync(ended, InterviewStatus.Live);
            foreach (var (id, text) in new[] { (live, "直播专用词：医保报销也在直播里说。"), (live, "医保H1N1"), (ended, "会后专用词：医保。") })
            {
                await Site.PublishAsync(id, text);
                Unpublished.Add(text);
            }
            await Site.MoveAsync(ended, InterviewStatus.Ended);

            foreach (var id in new[] { Health, Policy })
            {
                Published.AddRange((await Site.EntryTextsAsync(id)).Select(e => (id, e.Key, e.Value)));
            }
        }

        public async Task DisposeAsync() => await Site.DisposeAsync();
    }
}
