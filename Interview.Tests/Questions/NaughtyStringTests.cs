using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

/// <summary>
/// Every string of the Big List of Naughty Strings (Support/Data/blns.json), plus NUL, CR and LF, through every text
/// field a citizen or a moderator fills: nickname, question, phone, the moderator's edit and the rejection note. No 5xx
/// ever; what is accepted comes back exactly (line breaks normalised to LF, control characters dropped, ends trimmed).
/// </summary>
public sealed class NaughtyStringTests
{
    [Fact]
    public async Task EveryNaughtyStringThroughEveryTextFieldRoundTripsOrIsRefusedAndNeverCausesA5xx()
    {
        using var site = new StaffSite();
        site.With("Interview:Limits:QuestionsPerClientPerMinute", "100000");
        var id = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateClient();
        using var admin = site.Client(await site.TokenAsync());
        var contexts = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        var strings = NaughtyStrings.All()
            .Append("换行\r\n第二行").Append("空\0字符").Append("\r").Append("\n\n").Distinct().ToList();
        Assert.True(strings.Count > 500);
        var accepted = 0;

        foreach (var (naughty, index) in strings.Select((s, i) => (s, i)))
        {
            // Nickname and question.
            var nickname = naughty.Length <= 20 ? naughty : "测试";
            var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname, text = naughty });
            Assert.True((int)asked.StatusCode < 500, $"{(int)asked.StatusCode} asking with «{naughty}»");
            // The phone field: a naughty string is never a phone number, so it is refused with a reason, never a 5xx.
            var phoned = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "测试", text = "电话字段", phone = naughty });
            Assert.True((int)phoned.StatusCode is 202 or 400, $"{(int)phoned.StatusCode} for the phone «{naughty}»");
            if (asked.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
                Assert.True(QuestionIntake.Clean(naughty).Length == 0 || nickname.Trim().Length == 0 || QuestionIntake.Clean(nickname).Length == 0,
                    $"«{naughty}» was refused although it has content: {await asked.Content.ReadAsStringAsync()}");
                continue;
            }
            accepted++;
            var receipt = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
            int questionId;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var stored = await db.Questions.AsNoTracking().SingleAsync(q => q.Receipt == receipt);
                Assert.Equal(QuestionIntake.Clean(naughty), stored.OriginalText);
                Assert.Equal(QuestionIntake.Clean(nickname), stored.Nickname);
                questionId = stored.Id;
            }

            // The moderator's edit (approve) or note (reject), alternately.
            var decided = index % 2 == 0
                ? await admin.PostAsJsonAsync($"/api/v1/questions/{questionId}/approve", new { text = naughty, keepPersonalData = true })
                : await admin.PostAsJsonAsync($"/api/v1/questions/{questionId}/reject", new { reasonCategory = "other", note = naughty });
            Assert.True((int)decided.StatusCode < 500, $"{(int)decided.StatusCode} deciding with «{naughty}»");
            if (decided.StatusCode != HttpStatusCode.OK)
            {
                // Only a note over the limit (200) may be refused; an edit of an accepted question always fits.
                Assert.True(index % 2 == 1 && QuestionIntake.Clean(naughty).Length > 200, $"«{naughty}» refused: {await decided.Content.ReadAsStringAsync()}");
                continue;
            }
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var stored = await db.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId);
                if (index % 2 == 0)
                {
                    Assert.Equal(QuestionIntake.Clean(naughty), stored.Text);
                }
                else
                {
                    Assert.Equal(QuestionIntake.Clean(naughty), stored.DecisionNote ?? "");
                }
            }
        }
        Assert.True(accepted > 450, $"only {accepted} of {strings.Count} accepted");
    }
}
