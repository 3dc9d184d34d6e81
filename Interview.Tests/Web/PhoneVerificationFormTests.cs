using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Interview.Tests.Questions.Sms;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Web;

/// <summary>
/// The question form of a column that verifies phones works without script: "获取验证码" is a second submit button of
/// the same form, so the page comes back with the typed question kept, and the code then goes with the question.
/// </summary>
public sealed partial class PhoneVerificationFormTests(PhoneVerificationSite site) : IClassFixture<PhoneVerificationSite>
{
    [Fact]
    public async Task ACodeIsAskedForAndThenSentWithTheQuestionByPlainFormPosts()
    {
        var id = await site.LiveSessionAsync();
        using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The session page's form has no token (shared caches serve it): the browser says the post is the site's own.
        browser.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        var page = await browser.GetStringAsync($"/interviews/{id}");
        var form = Hidden(page);
        Assert.Contains("name=\"code\"", page, StringComparison.Ordinal);

        var codePage = await browser.PostAsync($"/interviews/{id}/ask", Post(form, "send-code", "13900000101", null));
        var codeHtml = await codePage.Content.ReadAsStringAsync();
        var code = site.Gateway.LastCodeFor("13900000101");
        var asked = await browser.PostAsync($"/interviews/{id}/ask", Post(Hidden(codeHtml), "ask", "13900000101", code));

        Assert.Equal(HttpStatusCode.OK, codePage.StatusCode);
        var html = new HtmlParser().ParseDocument(codeHtml);
        Assert.Equal("小区加装电梯怎么申请？", html.GetElementById("ask-text")!.TextContent);
        Assert.Equal("13900000101", html.GetElementById("ask-phone")!.GetAttribute("value"));
        Assert.Contains("验证码已发送", codeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.StartsWith("/receipts/", asked.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCodeComesBackTiedToTheCodeField()
    {
        var id = await site.LiveSessionAsync();
        using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = Hidden(await browser.GetStringAsync($"/interviews/{id}/ask"));
        await browser.PostAsync($"/interviews/{id}/ask", Post(form, "send-code", "13900000102", null));
        var wrong = site.Gateway.LastCodeFor("13900000102") == "000000" ? "111111" : "000000";

        var response = await browser.PostAsync($"/interviews/{id}/ask", Post(form, "ask", "13900000102", wrong));
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var field = html.GetElementById("ask-code")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("ask-code-error", field.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("验证码不正确", html.GetElementById("ask-code-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("小区加装电梯怎么申请？", html.GetElementById("ask-text")!.TextContent);
    }

    [Fact]
    public async Task TheVerifyingFormReadsInEnglish()
    {
        var id = await site.LiveSessionAsync();
        using var client = site.CreateClient();

        var html = new HtmlParser().ParseDocument(await client.GetStringAsync($"/interviews/{id}/ask?culture=en"));

        Assert.Equal("Mobile number (this column verifies it; for staff records only, never published)", html.QuerySelector("label[for=ask-phone]")!.TextContent);
        Assert.Equal("Code from the text message (6 digits)", html.QuerySelector("label[for=ask-code]")!.TextContent);
        Assert.Contains(html.QuerySelectorAll("button[name=action]"), b => b.TextContent == "Get code" && b.GetAttribute("value") == "send-code");
        Assert.Equal("ask-phone-help", html.GetElementById("ask-phone")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task WithoutASenderAVerifyingColumnSaysVerificationIsUnavailable()
    {
        using var bare = new StaffSite();
        var id = await bare.VerifyingSessionAsync();
        using var client = bare.CreateClient();

        var html = await client.GetStringAsync($"/interviews/{id}/ask");
        var asked = await client.PostAsync($"/api/v1/interviews/{id}/questions",
            System.Net.Http.Json.JsonContent.Create(new { nickname = "网友", text = "问题", phone = "13900000103", code = "123456" }));

        Assert.Contains("短信验证暂不可用", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"nickname\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
    }

    private static FormUrlEncodedContent Post(Dictionary<string, string> hidden, string action, string phone, string? code) =>
        new(new Dictionary<string, string>(hidden)
        {
            ["nickname"] = "市民小陈", ["text"] = "小区加装电梯怎么申请？", ["phone"] = phone, ["code"] = code ?? "", ["action"] = action,
        });

    private static Dictionary<string, string> Hidden(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
