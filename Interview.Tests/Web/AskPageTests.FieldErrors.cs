using System.Net;
using AngleSharp.Html.Parser;

namespace Interview.Tests.Web;

/// <summary>A refused question comes back with each reason tied to its field and the focus on the first one.</summary>
public sealed partial class AskPageTests
{
    [Fact]
    public async Task EachRefusedFieldCarriesItsOwnMessageAndTheFirstTakesTheFocus()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = NoRedirects();
        var form = await FormAsync(client, $"/interviews/{id}");
        var text = string.Concat(Enumerable.Repeat("医保报销比例能否再提高一些？", 40));

        var response = await client.PostAsync($"/interviews/{id}/ask", Post(form, "   ", text));
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (nickname, question) = (html.GetElementById("ask-nickname")!, html.GetElementById("ask-text")!);
        Assert.Equal(("true", "true"), (nickname.GetAttribute("aria-invalid"), question.GetAttribute("aria-invalid")));
        Assert.Equal("昵称不能为空。", html.GetElementById(nickname.GetAttribute("aria-describedby")!)?.TextContent);
        Assert.Equal("问题内容不能超过 500 个字符。", html.GetElementById(question.GetAttribute("aria-describedby")!)?.TextContent);
        Assert.True(nickname.HasAttribute("autofocus"));
        Assert.False(question.HasAttribute("autofocus"));
        Assert.Equal(text, question.TextContent);
    }

    [Fact]
    public async Task AFieldWithoutAProblemIsNotMarked()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = NoRedirects();
        var form = await FormAsync(client, $"/interviews/{id}");

        var response = await client.PostAsync($"/interviews/{id}/ask", Post(form, "退休职工老周", "   "));
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var (nickname, question) = (html.GetElementById("ask-nickname")!, html.GetElementById("ask-text")!);
        Assert.False(nickname.HasAttribute("aria-invalid") || nickname.HasAttribute("aria-describedby") || nickname.HasAttribute("autofocus"));
        Assert.Equal("退休职工老周", nickname.GetAttribute("value"));
        Assert.True(question.HasAttribute("autofocus"));
        Assert.Equal("问题内容不能为空。", html.GetElementById(question.GetAttribute("aria-describedby")!)?.TextContent);
    }
}
