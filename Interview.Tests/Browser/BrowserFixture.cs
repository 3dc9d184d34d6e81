using Interview.Tests.Support;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>
/// The site on a real Kestrel port and Debian's headless Chromium driven by Playwright (no browser download: the
/// test command installs the chromium package; CHROMIUM_PATH overrides where it is).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly InterviewFactory _site;
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new DemoSiteFixture())
    {
    }

    protected BrowserFixture(InterviewFactory site) => _site = site;

    public Uri BaseAddress { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public InterviewFactory Site => _site;

    /// <summary>
    /// How long a step waits for its condition (a navigation, an element, an assertion) before it fails. Waits end as
    /// soon as the condition holds, so this costs nothing when things are fine; it is long because CI runs the browser
    /// tests beside the rest of the suite on 2 cores, where a console's first render can take many seconds.
    /// </summary>
    public const float WaitMilliseconds = 60_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        BaseAddress = _site.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, through Playwright's executablePath (browser downloads are not possible).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}: run the README's test command (./test.sh), which installs it.");
        }
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        options.Locale ??= "zh-CN";
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(WaitMilliseconds);
        page.SetDefaultNavigationTimeout(WaitMilliseconds);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}

/// <summary>
/// A site with the bootstrap admin and two-factor off, for browser tests that sign staff in (each test class that uses
/// it gets a site of its own).
/// </summary>
public class ConsoleBrowserFixture() : BrowserFixture(new StaffSite(requireTwoFactor: false))
{
    public StaffSite Staff => (StaffSite)Site;

    /// <summary>A new browser context signed in as <paramref name="email"/> through the sign-in page, on the console home.</summary>
    public async Task<IPage> SignedInAsync(string email, string password = StaffSite.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArrivedAtAsync("/admin$");
        return page;
    }
}

/// <summary>
/// Browser tests run one class at a time: each class starts a site and a Chromium of its own, and several at once on a
/// 2-core machine starve the consoles' circuits until waits time out. The rest of the suite still runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
