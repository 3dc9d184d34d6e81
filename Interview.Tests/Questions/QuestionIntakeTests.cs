using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Questions;

public sealed class QuestionIntakeTests(QuestionIntakeTests.Site site) : QuestionIntakeSuite(site), IClassFixture<QuestionIntakeTests.Site>
{
    /// <summary>A generous limit, so that only the flood test meets it (it uses its own site).</summary>
    public sealed class Site : StaffSite
    {
        public Site() => With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
    }
}

/// <summary>Citizens' questions, run on SQLite (<see cref="QuestionIntakeTests"/>) and on PostgreSQL (QuestionIntakeOnPostgresTests).</summary>
public abstract class QuestionIntakeSuite(QuestionIntakeTests.Site site)
{
    [Fact]
    public async Task AQuestionGetsAReceiptAndStaysPrivateUntilApproved()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();
        var text = $"社区医院能开长处方吗？{Guid.NewGuid():N}";

        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "市民小李", text, phone = "138 0013 8000" });
        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches("^[A-Z2-9]{12}$", receipt);
        Assert.Equal("pending", status.GetProperty("status").GetString());
        foreach (var path in new[] { $"/interviews/{id}", $"/api/v1/interviews/{id}/entries", "/api/v1/interviews", "/sitemap.xml", "/columns/health/feed.xml" })
        {
            var body = await client.GetStringAsync(path);
            Assert.DoesNotContain(text, body, StringComparison.Ordinal);
            Assert.DoesNotContain("13800138000", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ADoubleSubmitWithTheSameKeyMakesOneQuestion()
    {
        var id = await site.DemoInterviewIdAsync("scheduled&column=policy");
        using var client = site.CreateClient();
        var key = Guid.NewGuid().ToString("N");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/interviews/{id}/questions")
            {
                Content = JsonContent.Create(new { nickname = "网友", text = "医保缴费截止到哪天？" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
        }));

        Assert.Single(receipts.Distinct());
    }

    [Theory]
    [InlineData("", "问题", "昵称")]
    [InlineData("小王", "", "问题内容")]
    [InlineData("小王", "   ", "问题内容")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "问题", "20")]
    [InlineData("小王", "问题", "电话", "12345")]
    public async Task EmptyOrOverLongInputIsRefusedWithAClearMessage(string nickname, string text, string message, string? phone = null)
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname, text, phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverLongQuestionIsRefusedWithTheLimit()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "小王", text = new string('问', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("published", HttpStatusCode.Conflict)]
    public async Task ASessionThatIsOverTakesNoQuestions(string status, HttpStatusCode expected)
    {
        var id = await site.DemoInterviewIdAsync(status);
        using var client = site.CreateClient();

        var response = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "小王", text = "还能提问吗？" });

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("不再接受提问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class QuestionFloodTests : QuestionFloodSuite;

/// <summary>The per-client limit, on SQLite (<see cref="QuestionFloodTests"/>) and on PostgreSQL (QuestionFloodOnPostgresTests).</summary>
public abstract class QuestionFloodSuite
{
    protected virtual StaffSite NewSite() => new();

    [Fact]
    public async Task AFloodFromOneClientIsThrottledWhileAnotherClientIsNot()
    {
        using var site = NewSite();
        site.With("Interview:Limits:QuestionsPerClientPerMinute", "5");
        var id = await site.DemoInterviewIdAsync("live");
        using var flooder = site.CreateDefaultClient(new ClientAddress("10.0.0.1"));
        using var neighbour = site.CreateDefaultClient(new ClientAddress("10.0.0.2"));

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            codes.Add((await flooder.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "刷屏", text = $"第{i}条" })).StatusCode);
        }
        var other = await neighbour.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "邻居", text = "正常提问" });

        Assert.Equal(5, codes.Count(c => c == HttpStatusCode.Accepted));
        Assert.Equal(95, codes.Count(c => c == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }
}

public sealed class QuestionFormTests(QuestionIntakeTests.Site site) : IClassFixture<QuestionIntakeTests.Site>
{
    [Fact]
    public async Task AFormPostWithoutAntiforgeryTokenIsRefused()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync($"/interviews/{id}/ask", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "ask",
            ["nickname"] = "小王",
            ["text"] = "没有令牌的提问",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownReceiptIsNotFound()
    {
        using var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/receipts/AAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/receipts/AAAAAAAAAAAA")).StatusCode);
    }
}
