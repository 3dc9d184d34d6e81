using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Interview.Web.Portal;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Web;

/// <summary>
/// The portal's chrome on the public pages (what is set shows, what is not leaves no label, the embed stays bare) and
/// the participation rules beside the question form, whose tick the server checks.
/// </summary>
public sealed partial class PortalChromeTests(PortalChromeTests.Site site) : IClassFixture<PortalChromeTests.Site>
{
    public sealed class Site : StaffSite
    {
        public Site()
        {
            With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
            With("Interview:Portal:Organizer", "City Government Office");
            With("Interview:Portal:IcpRecord", "ICP 12345678-1");
            With("Interview:Portal:PoliceRecord", "Police record 11010502030143");
            With("Interview:Portal:ErrorReportUrl", "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=1100000001");
            With("Interview:Portal:Rules", "Be **civil**; no advertising.");
        }
    }

    [Fact]
    public async Task TheFooterShowsWhatIsSetWithItsLinksAndNoLabelForWhatIsNot()
    {
        using var client = site.CreateClient();

        var footer = Footer(await client.GetStringAsync("/"));

        Assert.Contains("主办单位：<span class=\"portal-value\">City Government Office</span>", footer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\" target=\"_blank\">ICP 12345678-1</a>", footer, StringComparison.Ordinal);
        Assert.Contains("href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502030143\"", footer, StringComparison.Ordinal);
        Assert.Contains(">我为政府网站找错</a>", footer, StringComparison.Ordinal);
        foreach (var unset in new[] { "承办单位", "网站标识码", "联系我们", "党政机关网站标识" })
        {
            Assert.DoesNotContain(unset, footer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheEmbedWidgetStaysBare()
    {
        using var client = site.CreateClient();

        var html = await client.GetStringAsync("/embed/columns/health");

        Assert.DoesNotContain("City Government Office", html, StringComparison.Ordinal);
        Assert.DoesNotContain("beian", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminsSaveShowsOnTheNextPageAndClearingItFallsBackToConfiguration()
    {
        var settings = site.Services.GetRequiredService<PortalSettings>();
        var admin = new Interview.Web.Staff.StaffActor(await AdminIdAsync(), StaffSite.AdminEmail, "127.0.0.1");
        using var client = site.CreateClient();

        await settings.SaveAsync(admin, new Dictionary<string, string?>
        {
            ["SiteCode"] = "1100000001",
            ["GovernmentMarkImage"] = "https://www.example.gov.cn/mark.png",
            ["GovernmentMarkUrl"] = "https://bszs.conac.cn/sitename?method=show&id=1",
        });
        var footer = Footer(await client.GetStringAsync("/"));
        Assert.Contains("网站标识码：<span class=\"portal-value\">1100000001</span>", footer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://bszs.conac.cn/sitename?method=show&amp;id=1\" rel=\"noopener\" target=\"_blank\"><img src=\"https://www.example.gov.cn/mark.png\" alt=\"党政机关网站标识\"", footer, StringComparison.Ordinal);

        await settings.SaveAsync(admin, new Dictionary<string, string?> { ["SiteCode"] = "", ["GovernmentMarkImage"] = "", ["GovernmentMarkUrl"] = null });
        footer = Footer(await client.GetStringAsync("/"));
        Assert.DoesNotContain("网站标识码", footer, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRulesAreBesideTheFormAndInFullOnTheirOwnPage()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var page = await client.GetStringAsync($"/interviews/{id}");
        var rules = await client.GetStringAsync("/rules");

        Assert.Matches("<details class=\"rules\"><summary>留言规则</summary>\\s*<p>Be <strong>civil</strong>; no advertising.</p>", page);
        Assert.Contains("<input type=\"checkbox\" id=\"ask-agreed\" name=\"agreed\" value=\"true\" required", page, StringComparison.Ordinal);
        Assert.Contains("<p>Be <strong>civil</strong>; no advertising.</p>", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionWithoutTheTickComesBackWithTheReasonAtTheTickAndTheWordsKept()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await FormAsync(client, $"/interviews/{id}/ask");

        var refused = await client.PostAsync($"/interviews/{id}/ask", Post(form, "Reader", "When does the clinic open?"));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("<input type=\"checkbox\" id=\"ask-agreed\"[^>]*aria-invalid=\"true\" aria-describedby=\"ask-agreed-error\"", html);
        Assert.Contains("<span class=\"field-error\" id=\"ask-agreed-error\">请阅读并勾选同意留言规则。</span>", html, StringComparison.Ordinal);
        Assert.Contains(">When does the clinic open?</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Reader\"", html, StringComparison.Ordinal);

        var taken = await client.PostAsync($"/interviews/{id}/ask", Post(Fields(html), "Reader", "When does the clinic open?", agreed: true));

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.StartsWith("/receipts/", taken.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiTakesQuestionsWithoutTheFieldAsBeforeAndRefusesAnExplicitNo()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var before = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "Reader", text = "As before?" });
        var agreed = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "Reader", text = "Agreed?", agreedToRules = true });
        var refused = await client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "Reader", text = "Refused?", agreedToRules = false });

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.BadRequest), (before.StatusCode, agreed.StatusCode, refused.StatusCode));
        Assert.Contains("请阅读并勾选同意留言规则。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglishTheLabelsAreEnglishAndTheValuesAsWritten()
    {
        var id = await site.DemoInterviewIdAsync("live");
        using var client = site.CreateClient();

        var html = await client.GetStringAsync($"/interviews/{id}?culture=en");
        var footer = Footer(html);
        var form = html[html.IndexOf("<details class=\"rules\"", StringComparison.Ordinal)..html.IndexOf("<p class=\"note\"", StringComparison.Ordinal)];

        Assert.Contains("Organizer: <span class=\"portal-value\">City Government Office</span>", footer, StringComparison.Ordinal);
        Assert.Contains(">Report an error on this government website</a>", footer, StringComparison.Ordinal);
        Assert.Contains("<summary>Participation rules</summary>", form, StringComparison.Ordinal);
        Assert.Contains(">I have read and agree to the participation rules</label>", form, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\u4E00-\u9FFF\uFF00-\uFFEF]", footer + form);
    }

    private async Task<string> AdminIdAsync()
    {
        var accounts = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Interview.Web.Data.InterviewDbContext>>();
        await using var db = await accounts.CreateDbContextAsync();
        return db.Users.Single(u => u.Email == StaffSite.AdminEmail).Id;
    }

    private static string Footer(string html) => html[html.IndexOf("<footer", StringComparison.Ordinal)..];

    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path) => Fields(await client.GetStringAsync(path));

    private static Dictionary<string, string> Fields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    private static FormUrlEncodedContent Post(Dictionary<string, string> hidden, string nickname, string text, bool agreed = false)
    {
        var fields = new Dictionary<string, string>(hidden) { ["nickname"] = nickname, ["text"] = text };
        if (agreed)
        {
            fields["agreed"] = "true";
        }
        return new(fields);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
