using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Interview.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Interview.Tests.Staff;

/// <summary>
/// Issue 12 §1: the account pages (sign-in, two-factor enrolment and check, change password, denied), walked in English
/// through every state a person meets, show no Chinese but the site's name.
/// </summary>
public sealed partial class EnglishAccountPagesTests(EnglishAccountPagesTests.Site site, ITestOutputHelper output)
    : IClassFixture<EnglishAccountPagesTests.Site>
{
    /// <summary>Two-factor required, as a portal runs it; every request in English.</summary>
    public sealed class Site() : StaffSite(requireTwoFactor: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, English>());
        }

        // Stands in for request localization (the seam branch adds it to Program.cs and reads Accept-Language, which
        // the walk also sends), so this walk holds on either side of the merge.
        private sealed class English : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, following) =>
                {
                    CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                    return following(context);
                });
                next(app);
            };
        }
    }

    private readonly List<string> _hits = [];
    private int _pages;

    [Fact]
    public async Task EveryAccountPageAndMessageReadsInEnglish()
    {
        using var browser = EnglishBrowser();
        await ScanAsync("sign-in", await browser.GetAsync("/account/sign-in"));
        await ScanAsync("sign-in, empty", await PostAsync(browser, "/account/sign-in", "sign-in", ("Input.Email", ""), ("Input.Password", "")));
        await ScanAsync("sign-in, wrong password", await PostAsync(browser, "/account/sign-in", "sign-in", ("Input.Email", StaffSite.AdminEmail), ("Input.Password", "Not-The-Password-1")));

        var signedIn = await PostAsync(browser, "/account/sign-in", "sign-in", ("Input.Email", StaffSite.AdminEmail), ("Input.Password", StaffSite.Password));
        Assert.Contains("/account/two-factor/enrol", signedIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var enrol = await browser.GetAsync("/account/two-factor/enrol");
        var key = KeyShown().Match(await enrol.Content.ReadAsStringAsync()).Groups[1].Value;
        await ScanAsync("enrol", enrol);
        await ScanAsync("enrol, empty code", await PostAsync(browser, "/account/two-factor/enrol", "enrol", ("Input.Code", "")));
        await ScanAsync("enrol, wrong code", await PostAsync(browser, "/account/two-factor/enrol", "enrol", ("Input.Code", WrongCode(key))));
        var enrolled = await PostAsync(browser, "/account/two-factor/enrol", "enrol", ("Input.Code", Totp.Code(key)));
        Assert.Contains("class=\"codes\"", await enrolled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ScanAsync("enrolled: recovery codes", enrolled);

        await ScanAsync("change password", await browser.GetAsync("/account/password"));
        await ScanAsync("change password, empty", await PostAsync(browser, "/account/password", "password", ("Input.Current", ""), ("Input.New", ""), ("Input.Confirm", "")));
        await ScanAsync("change password, mismatch", await PostAsync(browser, "/account/password", "password",
            ("Input.Current", StaffSite.Password), ("Input.New", "Zhengwu-Fangtan-2027"), ("Input.Confirm", "Zhengwu-Fangtan-2028")));
        await ScanAsync("change password, too common", await PostAsync(browser, "/account/password", "password",
            ("Input.Current", StaffSite.Password), ("Input.New", "Password123456"), ("Input.Confirm", "Password123456")));
        await ScanAsync("denied", await browser.GetAsync("/account/denied"));

        using var again = EnglishBrowser();
        await PostAsync(again, "/account/sign-in", "sign-in", ("Input.Email", StaffSite.AdminEmail), ("Input.Password", StaffSite.Password));
        await ScanAsync("two-factor", await again.GetAsync("/account/two-factor"));
        await ScanAsync("two-factor, wrong code", await PostAsync(again, "/account/two-factor", "two-factor", ("Input.Code", WrongCode(key))));

        output.WriteLine($"English account walk: {_pages} page states, {_hits.Count} CJK hits");
        Assert.Empty(_hits);
    }

    private HttpClient EnglishBrowser()
    {
        var browser = site.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return browser;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string handler, params (string Name, string Value)[] fields)
    {
        var token = StaffSite.AntiforgeryToken(await browser.GetStringAsync(path));
        var form = new Dictionary<string, string> { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>A code the authenticator shows at no time near now.</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var near = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !near.Contains(code));
    }

    private async Task ScanAsync(string state, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{state}: {response.StatusCode}");
        _pages++;
        // The site's name is a setting, not UI text; its English counterpart comes with the seam branch's setting.
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())
            .Replace(new Interview.Web.InterviewOptions().SiteName, " ", StringComparison.Ordinal);
        Assert.Contains("lang=", text, StringComparison.Ordinal);
        foreach (Match hit in Cjk().Matches(text))
        {
            var from = Math.Max(0, hit.Index - 40);
            _hits.Add($"{state}: «{hit.Value}» in …{text[from..Math.Min(text.Length, hit.Index + hit.Length + 40)].ReplaceLineEndings(" ")}…");
            output.WriteLine(_hits[^1]);
        }
    }

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")]
    private static partial Regex Cjk();

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyShown();
}
