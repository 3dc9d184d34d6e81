using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions;

/// <summary>
/// PIPL through the whole path: each spelling of a personal number or address is asked in a question's text and (where
/// it fits) its nickname, approved without keeping personal data, put to the guest and published; then no public
/// output (pages, text mode, column page, RSS, sitemap, embed, public API, hub messages, exports, search) holds its
/// digits in any spelling, and the masked form is what shows. A question approved keeping its number shows it, which
/// proves the check looks.
/// </summary>
public sealed partial class PersonalDataNeverPublishedTests
{
    /// <summary>A spelling, what must never show (digits, or an address's name, as <see cref="Normalised"/> writes them), and what shows instead.</summary>
    public sealed record Spelling(string Written, string Secret, string Masked);

    public static readonly Spelling[] Spellings =
    [
        new("13907670401", "13907670401", "139****0401"),
        new("139.0767.0402", "13907670402", "139****0402"),
        new("1 3 9 0 7 6 7 0 4 0 3", "13907670403", "139****0403"),
        new("139-0767-0404", "13907670404", "139****0404"),
        new("139 0767 0405", "13907670405", "139****0405"),
        new("１３９０７６７０４０６", "13907670406", "139****0406"),
        new("１３９－０７６７－０４０７", "13907670407", "139****0407"),
        new("+86 139 0767 0408", "13907670408", "+86 139****0408"),
        new("86-139-0767-0409", "13907670409", "86-139****0409"),
        new("+8613907670410", "13907670410", "+86139****0410"),
        new("0086 13907670411", "13907670411", "0086 139****0411"),
        new("139—0767—0412", "13907670412", "139****0412"),
        new("139/0767/0413", "13907670413", "139****0413"),
        new("139_0767_0414", "13907670414", "139****0414"),
        new("1\u200b39\u200b0767\u200b0415", "13907670415", "139****0415"),
        new("一三九零七六七零四一六", "13907670416", "139****0416"),
        new("①③⑨⓪⑦⑥⑦⓪④①⑦", "13907670417", "139****0417"),
        new("139·0767·0418", "13907670418", "139****0418"),
        new("(139)07670419", "13907670419", "139****0419"),
        new("１３９　０７６７　０４２０", "13907670420", "139****0420"),
        new("110105194912310011", "110105194912310011", "1101**********0011"),
        new("11010519491231002X", "11010519491231002x", "1101**********002X"),
        new("110105 19491231 0033", "110105194912310033", "1101**********0033"),
        new("11010519491231004x", "11010519491231004x", "1101**********004X"),
        new("110105-19491231-0051", "110105194912310051", "1101**********0051"),
        new("１１０１０５１９４９１２３１００６Ｘ", "11010519491231006x", "1101**********006X"),
        new("110105491231007", "110105491231007", "1101*******1007"),
        new("1101 0519 4912 3100 8X", "11010519491231008x", "1101**********008X"),
        new("010-62345601", "62345601", "010-****5601"),
        new("(0755)83001202", "83001202", "0755-****1202"),
        new("0755 8300 1203", "83001203", "0755-****1203"),
        new("021—64321204", "64321204", "021-****1204"),
        new("（０２１）６４３２１２０５", "64321205", "021-****1205"),
        new("01062345606", "62345606", "010****5606"),
        new("+86 10 6234 5607", "62345607", "+86 10-****5607"),
        new("0571-8888 1208", "88881208", "0571-****1208"),
        new("wxmaa0801@163.com", "wxmaa0801", "w***@163.com"),
        new("wxmab0802＠163.com", "wxmab0802", "w***@163.com"),
        new("wxmac0803 @ 163 . com", "wxmac0803", "w***@163.com"),
        new("wxmad0804(at)163(dot)com", "wxmad0804", "w***@163.com"),
        new("ｗｘｍａｅ０８０５＠ｑｑ．ｃｏｍ", "wxmae0805", "w***@qq.com"),
        new("wxmaf0806#qq.com", "wxmaf0806", "w***@qq.com"),
    ];

    private static readonly Spelling Kept = new("13907670499", "13907670499", "139****0499");

    [Fact]
    public async Task NoSpellingOfAPersonalNumberReachesAnyPublicOutputUnlessTheModeratorKeptIt()
    {
        Assert.True(Spellings.Length >= 30);
        using var site = new StaffSite();
        site.With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
        var id = await site.DemoInterviewIdAsync("live");
        using var citizen = site.CreateClient();
        await site.CreateStaffAsync("pii-mod@example.gov.cn", "moderator");
        using var moderator = site.Client(await site.TokenAsync("pii-mod@example.gov.cn"));
        using var admin = site.Client(await site.TokenAsync());
        await using var viewer = await LiveClient.ConnectAsync(site);
        var hub = viewer.Messages;
        await viewer.JoinAsync(id, 0);

        // Ask, approve (masking, the default), and put each question to the guest, so that it is a transcript entry too.
        var markers = new List<string>();
        foreach (var (spelling, index) in Spellings.Append(Kept).Select((s, i) => (s, i)))
        {
            var marker = $"pdq{(char)('a' + index / 26)}{(char)('a' + index % 26)}";
            markers.Add(marker);
            // The nickname holds the spelling too, wherever it fits in 20 characters.
            var nickname = spelling.Written.Length <= 20 ? spelling.Written : $"网友{marker}";
            var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions",
                new { nickname, text = $"请问{marker}：我的联系方式是{spelling.Written}，能回复吗？" });
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            var receipt = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
            var qid = await NothingUnapprovedLeaksTests.QuestionIdAsync(site, receipt);
            // Every spelling is flagged for the moderator, in the text and, on its own, in the nickname.
            Assert.Contains(await FlagsAsync(site, qid), f => f.Kind == FlagKind.PersonalData);
            if (nickname == spelling.Written)
            {
                Assert.NotEmpty(PersonalData.Find(nickname));
            }
            var keep = spelling == Kept;
            Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/approve", new { keepPersonalData = keep })).StatusCode);
            var put = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "question", markdown = "", questionId = qid });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var outputs = await PublicOutputs.ReadAsync(citizen, id);
        foreach (var to in new[] { "ended", "published" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to })).StatusCode);
        }
        outputs.AddRange(await PublicOutputs.ReadAsync(citizen, id, $"/interviews/{id}/transcript.md", $"/interviews/{id}/snapshot.html"));
        await LiveClient.EventuallyAsync(() => hub.Any(m => m.Contains("\"published\"", StringComparison.Ordinal)), "the published status on the hub");
        outputs.AddRange(hub.Select(m => ("hub message", m)));
        // Search by each question's marker and by each number itself: only the results count (the page repeats the query).
        foreach (var query in markers.Concat(Spellings.Append(Kept).Select(s => s.Secret)))
        {
            var api = JsonDocument.Parse(await citizen.GetStringAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}")).RootElement;
            outputs.Add(($"search API for {query}", api.GetProperty("items").GetRawText()));
            var page = await citizen.GetStringAsync($"/search?q={Uri.EscapeDataString(query)}");
            var results = page.IndexOf("<ol class=\"search-results\"", StringComparison.Ordinal);
            outputs.Add(($"search page for {query}", results < 0 ? "" : page[results..page.IndexOf("</ol>", results, StringComparison.Ordinal)]));
        }

        var normalised = outputs.Select(o => (o.Source, Body: Normalised(o.Body))).ToList();
        foreach (var spelling in Spellings)
        {
            var leak = normalised.FirstOrDefault(o => o.Body.Contains(spelling.Secret, StringComparison.Ordinal));
            Assert.True(leak.Body is null, $"{spelling.Written} appeared in {leak.Source}");
            Assert.Contains(outputs, o => Decoded(o.Body).Contains(spelling.Masked, StringComparison.Ordinal));
        }
        // The check can fail: the number the moderator chose to keep is on the page, in the hub's messages and in search.
        Assert.Contains(normalised, o => o.Source == $"/interviews/{id}" && o.Body.Contains(Kept.Secret, StringComparison.Ordinal));
        Assert.Contains(normalised, o => o.Source == "hub message" && o.Body.Contains(Kept.Secret, StringComparison.Ordinal));
        Assert.Contains(normalised, o => o.Source == $"search API for {Kept.Secret}" && o.Body.Contains(Kept.Secret, StringComparison.Ordinal));
        // And search finds every masked question by its words.
        Assert.All(markers, m => Assert.Contains(normalised, o => o.Source == $"search API for {m}" && o.Body.Contains(m, StringComparison.Ordinal)));
    }

    private static async Task<IReadOnlyList<QuestionFlag>> FlagsAsync(StaffSite site, int questionId)
    {
        var contexts = site.Services.GetRequiredService<IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId)).Flags;
    }

    /// <summary>The output as a reader sees it: JSON and HTML escapes undone (twice, for RSS), width and compatibility forms folded.</summary>
    private static string Decoded(string body)
    {
        var text = JsonEscape().Replace(body, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        return WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Decoded, Chinese numerals as digits, lower case, and only letters, digits, * and @ left: separators of every kind gone.</summary>
    private static string Normalised(string body)
    {
        var decoded = Decoded(body);
        var kept = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            var digit = "〇零○一幺二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (digit >= 0)
            {
                kept.Append("0001123456789"[digit]);
            }
            else if (char.IsLetterOrDigit(c) || c is '*' or '@')
            {
                kept.Append(char.ToLowerInvariant(c));
            }
        }
        return kept.ToString();
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();
}
