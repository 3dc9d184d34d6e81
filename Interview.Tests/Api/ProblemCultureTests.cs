using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Api;

/// <summary>The API's problem+json title and detail come in the request's culture: Accept-Language en gives English.</summary>
public sealed class ProblemCultureTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task AnUnknownStatusIsExplainedInChineseByDefaultAndInEnglishWhenAsked()
    {
        var chinese = await ProblemAsync(HttpMethod.Get, "/api/v1/interviews?status=bogus", null);
        var english = await ProblemAsync(HttpMethod.Get, "/api/v1/interviews?status=bogus", "en-US,en;q=0.8");

        Assert.Equal((HttpStatusCode.BadRequest, "请求无效", "未知的状态「bogus」：可用 scheduled、live、ended、published。"), chinese);
        Assert.Equal((HttpStatusCode.BadRequest, "Bad request", "Unknown status “bogus”: use scheduled, live, ended or published."), english);
    }

    [Fact]
    public async Task ADomainRefusalNamesTheStateInTheReadersLanguage()
    {
        var id = await site.DemoInterviewIdAsync("published");
        var body = JsonContent.Create(new { nickname = "Reader", text = "A question after the end" });

        var english = await ProblemAsync(HttpMethod.Post, $"/api/v1/interviews/{id}/questions", "en", body);

        Assert.Equal((HttpStatusCode.Conflict, "Conflict", "This interview is published as a transcript and no longer takes questions."), english);
    }

    [Fact]
    public async Task AMissingReceiptIsExplainedInEnglish()
    {
        var english = await ProblemAsync(HttpMethod.Get, "/api/v1/receipts/NOSUCHRECEIPT", "en");

        Assert.Equal(HttpStatusCode.NotFound, english.Status);
        Assert.Equal("There is no such receipt number: please check it and try again.", english.Detail);
    }

    private async Task<(HttpStatusCode Status, string? Title, string? Detail)> ProblemAsync(HttpMethod method, string path, string? acceptLanguage, HttpContent? body = null)
    {
        using var client = site.CreateClient();
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("title").GetString(), json.GetProperty("detail").GetString());
    }
}
