using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;

namespace Interview.Tests.Questions;

/// <summary>The staff list says of each question how many duplicates were merged into it (docs/api.md, <c>merged</c>).</summary>
public sealed class MergedCountTests
{
    [Fact]
    public async Task TheStaffListCountsTheDuplicatesMergedIntoEachQuestion()
    {
        using var site = new StaffSite();
        var live = await site.DemoInterviewIdAsync("live");
        using var asker = site.CreateDefaultClient(new ClientAddress("10.7.4.1"));
        using var admin = site.Client(await site.TokenAsync());
        var survivor = await site.ApprovedQuestionAsync(admin, asker, live, "公园夜间开放到几点？");
        var untouched = await site.ApprovedQuestionAsync(admin, asker, live, "公园停车场收费吗？");
        foreach (var text in new[] { "公园晚上几点关门", "夜里公园开到几点" })
        {
            var duplicate = await site.QuestionIdAsync(await asker.AskAsync(live, text));
            Assert.True((await admin.PostAsJsonAsync($"/api/v1/questions/{duplicate}/merge", new { intoQuestionId = survivor })).IsSuccessStatusCode);
        }

        var items = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/interviews/{live}/questions")).RootElement.GetProperty("items")
            .EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt32(), i => i.GetProperty("merged").GetInt32());

        Assert.Equal(2, items[survivor]);
        Assert.Equal(0, items[untouched]);
    }
}
