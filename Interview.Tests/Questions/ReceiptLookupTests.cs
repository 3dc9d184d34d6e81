using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interview.Tests.Questions;

/// <summary>
/// The asker's side (CONTRACT.md "Live day"): a lookup form at /receipts, and a receipt that shows the question as sent
/// and as published, the answer once given, and a cancelled session.
/// </summary>
public sealed class ReceiptLookupTests(Live.LiveRoomTests.Site site) : IClassFixture<Live.LiveRoomTests.Site>
{
    [Fact]
    public async Task TheLookupFormSendsAKnownReceiptToItsPageAndKeepsAnUnknownOneWithAnError()
    {
        var live = await site.DemoInterviewIdAsync("live");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.6.0.1"));
        var receipt = await asker.AskAsync(live, "回执查询测试");
        using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var form = await browser.GetStringAsync("/receipts");
        var found = await browser.GetAsync($"/receipts?code=+{receipt.ToLowerInvariant()}+");
        var unknown = await browser.GetStringAsync("/receipts?code=NOSUCHCODE22");

        Assert.Contains("name=\"code\"", form, StringComparison.Ordinal);
        Assert.Contains("href=\"/receipts\"", await browser.GetStringAsync($"/interviews/{live}"), StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/receipts/{receipt}", found.Headers.Location!.AbsolutePath);
        Assert.Contains("aria-invalid=\"true\"", unknown, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"receipt-code-error\"", unknown, StringComparison.Ordinal);
        Assert.Contains("id=\"receipt-code-error\"", unknown, StringComparison.Ordinal);
        Assert.Contains("value=\"NOSUCHCODE22\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReceiptShowsTheQuestionAsSentAndAsPublishedAndTheAnswerTextOnceAnswered()
    {
        var id = await site.NewLiveSessionAsync("回执");
        using var admin = site.Client(await site.TokenAsync());
        using var asker = site.CreateDefaultClient(new ClientAddress("10.6.1.1"));
        var receipt = await asker.AskAsync(id, "我家楼下路灯坏了三个月，电话13812345678，谁来修？");
        var qid = await site.QuestionIdAsync(receipt);

        var pending = await ReceiptAsync(asker, receipt);
        Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { text = "楼下路灯坏了三个月，谁来修？" })).IsSuccessStatusCode);
        var approved = await ReceiptAsync(asker, receipt);
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "question", questionId = qid });
        var answer = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries",
            new { kind = "guest", markdown = "本周内**修好**。", guestId = await site.GuestIdAsync(id), questionId = qid });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var answered = await ReceiptAsync(asker, receipt);

        Assert.Equal("我家楼下路灯坏了三个月，电话138****5678，谁来修？", pending.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("publishedText").ValueKind);
        Assert.Equal("楼下路灯坏了三个月，谁来修？", approved.GetProperty("publishedText").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("answerText").ValueKind);
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal("本周内修好。", answered.GetProperty("answerText").GetString());
        Assert.False(answered.GetProperty("sessionCancelled").GetBoolean());
        var page = await asker.GetStringAsync($"/receipts/{receipt}");
        Assert.Contains("电话138****5678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", page, StringComparison.Ordinal);
        Assert.Contains("楼下路灯坏了三个月，谁来修？", page, StringComparison.Ordinal);
        Assert.Contains("本周内修好。", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiptOfACancelledSessionSaysSo()
    {
        var scheduled = await site.DemoInterviewIdAsync("scheduled");
        using var admin = site.Client(await site.TokenAsync());
        using var asker = site.CreateDefaultClient(new ClientAddress("10.6.2.1"));
        var receipt = await asker.AskAsync(scheduled, "取消了还能问吗");

        Assert.True((await admin.PostAsJsonAsync($"/api/v1/interviews/{scheduled}/transitions", new { to = "cancelled" })).IsSuccessStatusCode);

        Assert.True((await ReceiptAsync(asker, receipt)).GetProperty("sessionCancelled").GetBoolean());
        Assert.Contains("本场访谈已取消", await asker.GetStringAsync($"/receipts/{receipt}"), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReceiptAsync(HttpClient client, string receipt) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/receipts/{receipt}")).RootElement;
}
