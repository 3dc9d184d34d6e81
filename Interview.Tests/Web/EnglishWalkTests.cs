using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Interview.Tests.Web;

/// <summary>
/// Every public route of the demo site, asked for in English (by the query, the cookie and Accept-Language), shows no
/// Chinese outside what staff and citizens wrote: that content is read from the database and only runs of Chinese found
/// inside it are let through, so a fixed text left untranslated anywhere (a label, a title, an alt, a feed's channel)
/// fails. The same walk in Chinese gives the "before" figure.
/// </summary>
public sealed partial class EnglishWalkTests(DemoSiteFixture site, ITestOutputHelper output) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task EveryPublicRouteInEnglishHasNoChineseButContent()
    {
        var routes = await RoutesAsync();
        var content = await ContentAsync();
        var hits = new List<string>();
        var before = 0;

        foreach (var (path, status) in routes)
        {
            var chinese = await ReadAsync(path, status, "zh-CN", Ask.Query);
            before += UiChinese(chinese, content).Count;
            foreach (var way in Enum.GetValues<Ask>())
            {
                var english = await ReadAsync(path, status, "en", way);
                if (!path.EndsWith(".xml", StringComparison.Ordinal) && !path.EndsWith(".md", StringComparison.Ordinal))
                {
                    Assert.Contains("<html lang=\"en\"", english, StringComparison.Ordinal);
                }
                hits.AddRange(UiChinese(english, content).Select(hit => $"{path} ({way}): {hit}"));
            }
        }

        output.WriteLine($"{routes.Count} routes, each in English three ways; Chinese outside content: {before} in zh-CN, {hits.Count} in English.");
        Assert.True(hits.Count == 0, string.Join("\n", hits.Distinct()));
        Assert.True(before > 100, $"the zh-CN walk found only {before}: the scan is not reading the pages");
    }

    private enum Ask
    {
        Query,
        Cookie,
        AcceptLanguage,
    }

    private async Task<List<(string Path, HttpStatusCode Status)>> RoutesAsync()
    {
        var live = await site.DemoInterviewIdAsync("live");
        var upcoming = await site.DemoInterviewIdAsync("scheduled");
        var published = await site.DemoInterviewIdAsync("published");
        using var client = site.CreateClient();
        var slug = JsonDocument.Parse(await client.GetStringAsync("/api/v1/columns")).RootElement.GetProperty("items")[0].GetProperty("slug").GetString();
        using var asked = await client.PostAsJsonAsync($"/api/v1/interviews/{live}/questions", new { nickname = "Reader", text = "When does the clinic open?" });
        var receipt = JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
        var screen = await ScreenTokenAsync(live);
        using var reported = await client.PostAsJsonAsync($"/api/v1/interviews/{published}/reports", new { seq = 1, reason = "untrue", details = "The figure is wrong" });
        var report = JsonDocument.Parse(await reported.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString();
        return
        [
            ($"/interviews/{published}/report?seq=1", HttpStatusCode.OK),
            ($"/reports/{report}?new=true", HttpStatusCode.OK),
            ("/", HttpStatusCode.OK),
            ("/rules", HttpStatusCode.OK),
            ($"/columns/{slug}", HttpStatusCode.OK),
            ($"/columns/{slug}?page=2", HttpStatusCode.OK),
            ($"/interviews/{live}", HttpStatusCode.OK),
            ($"/interviews/{live}?mode=text", HttpStatusCode.OK),
            ($"/interviews/{live}?mode=text&refresh=30&order=desc", HttpStatusCode.OK),
            ($"/interviews/{live}/ask", HttpStatusCode.OK),
            ($"/interviews/{upcoming}", HttpStatusCode.OK),
            ($"/interviews/{published}", HttpStatusCode.OK),
            ($"/interviews/{published}/ask", HttpStatusCode.OK),
            ($"/interviews/{published}/transcript.md", HttpStatusCode.OK),
            ($"/interviews/{published}/snapshot.html", HttpStatusCode.OK),
            ($"/receipts/{receipt}?new=true", HttpStatusCode.OK),
            ("/receipts", HttpStatusCode.OK),
            ("/receipts?code=NOSUCHCODE22", HttpStatusCode.OK),
            ($"/screen/{screen}", HttpStatusCode.OK),
            ($"/screen/{screen}?overlay=1", HttpStatusCode.OK),
            ("/search", HttpStatusCode.OK),
            ("/search?q=%E7%96%AB%E8%8B%97", HttpStatusCode.OK),
            ("/search?q=%E7%96%AB%E8%8B%97&sort=newest&page=2", HttpStatusCode.OK),
            ("/search?q=%E7%96%AB%E8%8B%97&year=abc", HttpStatusCode.OK),
            ($"/columns/{slug}/feed.xml", HttpStatusCode.OK),
            ($"/embed/columns/{slug}", HttpStatusCode.OK),
            ("/no-such-page", HttpStatusCode.NotFound),
            ("/error", HttpStatusCode.OK),
        ];
    }

    /// <summary>A studio screen link of the session, stored as the host's request would store it.</summary>
    private async Task<string> ScreenTokenAsync(int interviewId)
    {
        var token = $"walk{Guid.NewGuid():N}";
        var contexts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var screen = await db.StudioScreens.FindAsync(interviewId);
        if (screen is null)
        {
            screen = Interview.Domain.Interviews.StudioScreen.For(interviewId);
            db.StudioScreens.Add(screen);
        }
        screen.NewLink(Interview.Web.Live.StudioScreens.Hash(token), "walk@example.gov.cn", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return token;
    }

    private async Task<string> ReadAsync(string path, HttpStatusCode status, string culture, Ask way)
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var address = way == Ask.Query ? $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}" : path;
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (way == Ask.Cookie)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        }
        if (way == Ask.AcceptLanguage)
        {
            request.Headers.Add("Accept-Language", culture);
        }
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == status, $"{address} ({way}) answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>What staff and citizens wrote, as the pages may show it: names, titles, texts, notes.</summary>
    private async Task<List<string>> ContentAsync()
    {
        var factory = site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var texts = new List<string?> { "疫苗" }; // the reader's own search words, echoed in the search box
        texts.AddRange(await db.Columns.Select(c => c.Name).ToListAsync());
        texts.AddRange(await db.Columns.Select(c => c.Description).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.Title).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.SummaryHtml).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.SummaryMarkdown).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.BackgroundHtml).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.BackgroundMarkdown).ToListAsync());
        texts.AddRange(await db.Interviews.Select(i => i.ReviewUnit).ToListAsync());
        foreach (var guest in await db.Guests.ToListAsync())
        {
            texts.AddRange([guest.Name, guest.Position, guest.Organization, guest.Bio]);
        }
        foreach (var entry in await db.Entries.ToListAsync())
        {
            texts.AddRange([entry.Speaker, entry.Html, entry.Text, entry.Markdown, entry.ReviewedBy]);
        }
        foreach (var revision in await db.EntryRevisions.ToListAsync())
        {
            texts.AddRange([revision.Html, revision.Markdown, revision.Note]);
        }
        foreach (var question in await db.Questions.ToListAsync())
        {
            texts.AddRange([question.Nickname, question.Text]);
        }
        // As HTML shows it, and as plain text shows Markdown (a snippet, a description: the emphasis marks dropped).
        return
        [
            .. texts.OfType<string>().Where(t => t.Length > 0)
                .SelectMany(t => new[] { WebUtility.HtmlDecode(Tags().Replace(t, "\n")), MarkdownMarks().Replace(t, "") }),
        ];
    }

    /// <summary>
    /// The runs of Chinese in <paramref name="page"/>'s text and attribute values that no content contains. The one
    /// deliberate exception is the language switch's own name, 中文, on its link marked lang="zh-CN".
    /// </summary>
    private static List<string> UiChinese(string page, List<string> content)
    {
        // A stylesheet's comments are not text anyone reads (the offline snapshot carries the site's CSS inline).
        var text = Styles().Replace(LanguageSwitch().Replace(page, ""), "");
        // Twice: a feed carries its items' text as escaped HTML inside XML.
        text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        return [.. Cjk().Matches(text).Select(m => m.Value).Where(run => !content.Any(c => c.Contains(run, StringComparison.Ordinal)))];
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("[*_`#>]")]
    private static partial Regex MarkdownMarks();

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Styles();

    [GeneratedRegex("[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")]
    private static partial Regex Cjk();

    [GeneratedRegex("lang=\"zh-CN\" hreflang=\"zh-CN\" href=\"[^\"]*\">中文</a>")]
    private static partial Regex LanguageSwitch();
}
