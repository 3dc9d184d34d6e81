using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Interview.Bench;

/// <summary>
/// The moderation console open in Debian's headless Chromium, signed in as the benchmark's admin: a real circuit that
/// refreshes its queue on every new question while the load runs.
/// </summary>
internal sealed class ModerationConsole : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;
    private int _errors;

    private ModerationConsole(IPlaywright playwright, IBrowser browser, IPage page, string url)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
        Url = url;
        page.PageError += (_, _) => Interlocked.Increment(ref _errors);
    }

    public string Url { get; }
    public int Errors => _errors;

    public static async Task<ModerationConsole> OpenAsync(Uri baseAddress, string email, string password, int interviewId, CancellationToken cancel)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium} (bench/questions.sh installs Debian's chromium; or pass --no-console)");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var url = $"/admin/sessions/{interviewId.ToString(CultureInfo.InvariantCulture)}/moderate";
        await page.GotoAsync(url);
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**" + url);
        await page.GetByTestId("pending-count").WaitForAsync();
        cancel.ThrowIfCancellationRequested();
        return new ModerationConsole(playwright, browser, page, url);
    }

    /// <summary>The pending count the console shows, once it reaches <paramref name="expected"/> or the time is up.</summary>
    public async Task<int> PendingCountAsync(int expected, TimeSpan within)
    {
        var until = Stopwatch.StartNew();
        var shown = -1;
        while (until.Elapsed < within)
        {
            var text = await _page.GetByTestId("pending-count").InnerTextAsync();
            shown = int.TryParse(new string(text.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture, out var n) ? n : -1;
            if (shown == expected)
            {
                break;
            }
            await Task.Delay(200);
        }
        return shown;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
