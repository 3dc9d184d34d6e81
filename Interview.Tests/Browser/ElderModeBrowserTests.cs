using System.Text.Json;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>
/// 长辈模式 and 语音阅读 in a real browser: what only layout and a speaking browser can show (sizes, colours as drawn,
/// sideways scroll at 320 px, buttons added by script).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ElderModeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Everything wrong with the page in elder mode, as lines: sideways scroll, text under 20 px or under 7:1 against the
    /// background it is drawn on (WCAG 1.4.6, axe's color-contrast-enhanced), paragraphs under 1.8 line height, targets
    /// under 44×44 px (WCAG 2.5.5; links inside running text are exempt there too).
    /// </summary>
    private const string Audit = """
        () => {
          const problems = [];
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
          const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const over = (top, under) => { const a = top[3] ?? 1; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)); };
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if ((c[3] ?? 1) > 0) { layers.push(c); if ((c[3] ?? 1) >= 1) break; }
            }
            return layers.reduceRight((under, top) => over(top, under), [255, 255, 255]);
          };
          const name = el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
          const shown = el => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.sr-only,.hp,[aria-hidden="true"]');

          const wider = document.documentElement.scrollWidth - innerWidth;
          const outside = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5);
          if (wider > 0) problems.push(`${wider}px wider than the screen: ${outside.slice(0, 5).map(name).join(', ')}`);
          for (const el of document.querySelectorAll('body *')) {
            if (!shown(el) || ![...el.childNodes].some(n => n.nodeType === 3 && n.data.trim())) continue;
            const style = getComputedStyle(el), size = parseFloat(style.fontSize), contrast = ratio(rgb(style.color), background(el));
            if (size < 20) problems.push(`${name(el)}: ${size}px text`);
            if (contrast < 7) problems.push(`${name(el)}: contrast ${contrast.toFixed(2)}:1`);
          }
          for (const p of document.querySelectorAll('main p')) {
            if (!shown(p)) continue;
            const style = getComputedStyle(p);
            if (parseFloat(style.lineHeight) / parseFloat(style.fontSize) < 1.79) problems.push(`${name(p)}: line height ${style.lineHeight}`);
          }
          for (const el of document.querySelectorAll('button, input:not([type=hidden]), select, summary, .site-header a, .pager a, .permalink, .live-controls a')) {
            if (!shown(el)) continue;
            const r = el.getBoundingClientRect();
            if (r.width < 43.5 || r.height < 43.5) problems.push(`${name(el)}: target ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
          }
          return problems;
        }
        """;

    /// <summary>The focused element's ring: its width and its contrast against what is behind it, or null when it has none.</summary>
    private const string FocusRing = """
        () => {
          const el = document.activeElement, style = getComputedStyle(el);
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
          let behind = [255, 255, 255];
          for (let e = el.parentElement; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if ((c[3] ?? 1) >= 1) { behind = c; break; }
          }
          const [x, y] = [lum(rgb(style.outlineColor)), lum(behind)].sort((p, q) => q - p);
          return JSON.stringify(style.outlineStyle === 'none' ? null : { What: `${el.tagName} ${el.textContent.trim().slice(0, 20)}`, Width: parseFloat(style.outlineWidth), Contrast: (x + 0.05) / (y + 0.05) });
        }
        """;

    private sealed record Ring(string What, double Width, double Contrast);

    [Fact]
    public async Task InElderModeAt320PixelsThePublicPagesReadLargeAtHighContrastWithoutSidewaysScroll()
    {
        var live = await browser.Site.DemoInterviewIdAsync("live");
        var published = await browser.Site.DemoInterviewIdAsync("published");
        var scheduled = await browser.Site.DemoInterviewIdAsync("scheduled");
        var page = await browser.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 640 } });

        // The switch is the header's plain link: no script needed, and it comes back to the same page.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "长辈模式", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("elder");
        await page.ArrivedAtAsync("/$");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "标准模式", Exact = true })).ToBeVisibleAsync();

        var problems = new List<string>();
        string[] pages =
        [
            "/", $"/interviews/{live}", $"/interviews/{published}", "/columns/health", $"/interviews/{scheduled}",
            $"/interviews/{live}?mode=text", $"/interviews/{live}/ask", "/search?q=流感", "/interviews/987654",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("elder");
            Assert.True(await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 20, path);
            problems.AddRange((await page.EvaluateAsync<string[]>(Audit)).Select(p => $"{path}: {p}"));
            if (path == $"/interviews/{live}" || path == $"/interviews/{published}")
            {
                // Entries read larger than the rest.
                Assert.True(await page.Locator(".entry-body").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") >= 22, path);
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        // The focus ring, from the keyboard, on the first stops of the page: header (on red) and main (on white).
        await page.GotoAsync($"/interviews/{published}");
        var rings = new List<Ring?>();
        for (var i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            rings.Add(JsonSerializer.Deserialize<Ring?>(await page.EvaluateAsync<string>(FocusRing)));
        }
        Assert.All(rings, ring =>
        {
            Assert.NotNull(ring);
            Assert.True(ring.Width >= 3 && ring.Contrast >= 3, $"{ring.What}: {ring.Width}px at {ring.Contrast:0.00}:1");
        });
    }

    [Fact]
    public async Task ReadAloudSpeaksAnEntryOrThePageWithTheBrowsersOwnVoiceAndStopsWhenPressedAgain()
    {
        var published = await browser.Site.DemoInterviewIdAsync("published");
        var page = await browser.NewPageAsync();
        // The browser's speech synthesis, recorded instead of spoken (a headless browser has no voice to speak with).
        await page.AddInitScriptAsync("""
            (() => {
              const said = window.__said = [], state = window.__speech = { cancelled: 0 };
              Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
                speak: u => said.push({ Text: u.text, Lang: u.lang, Voice: u.voice ? u.voice.lang : null }),
                cancel: () => { state.cancelled++; },
                getVoices: () => [{ lang: 'en-US', name: 'en' }, { lang: 'zh-CN', name: 'zh' }],
              } });
              window.SpeechSynthesisUtterance = function (text) { this.text = text; };
            })();
            """);
        var outside = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(browser.BaseAddress.ToString(), StringComparison.Ordinal)) outside.Add(request.Url); };

        await page.GotoAsync($"/interviews/{published}");
        var first = page.GetByRole(AriaRole.Button, new() { Name = "朗读第1条", Exact = true });
        await first.ClickAsync();

        var said = await SaidAsync(page);
        Assert.NotEmpty(said);
        Assert.StartsWith("主持人：", said[0].Text, StringComparison.Ordinal);
        Assert.All(said, s => Assert.Equal(("zh-CN", "zh-CN"), (s.Lang, s.Voice)));
        var entryText = await page.Locator("#e1 .entry-body").InnerTextAsync();
        Assert.Contains(entryText.Trim()[..10], string.Concat(said.Select(s => s.Text)), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "停止朗读第1条", Exact = true })).ToBeVisibleAsync();

        // Pressed again: it stops, and the button offers to read again.
        var cancelled = await page.EvaluateAsync<int>("() => window.__speech.cancelled");
        await page.GetByRole(AriaRole.Button, new() { Name = "停止朗读第1条", Exact = true }).ClickAsync();
        await Assertions.Expect(first).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => window.__speech.cancelled") > cancelled);

        // The page button reads the whole article, title first, and none of the buttons' own words.
        await page.EvaluateAsync("() => { window.__said.length = 0; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "朗读全文", Exact = true }).ClickAsync();
        var article = string.Concat((await SaidAsync(page)).Select(s => s.Text));
        Assert.StartsWith(await page.Locator("h1").InnerTextAsync(), article, StringComparison.Ordinal);
        Assert.Contains(entryText.Trim()[..10], article, StringComparison.Ordinal);
        Assert.DoesNotContain("朗读", article, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "停止朗读", Exact = true })).ToBeVisibleAsync();

        // An entry the live feed adds later gets its button too.
        await page.EvaluateAsync("""
            () => {
              const li = document.createElement('li');
              li.id = 'e999'; li.className = 'entry';
              li.innerHTML = '<p class="entry-head"><span class="speaker">[主持人]</span><a class="permalink" href="#e999">#999</a></p><div class="entry-body"><p>新的内容</p></div>';
              document.querySelector('ol.entries').appendChild(li);
            }
            """);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "朗读第999条", Exact = true })).ToBeVisibleAsync();
        // Nothing went to another host: the browser speaks by itself.
        Assert.Empty(outside);
    }

    [Fact]
    public async Task WithoutSpeechSynthesisThereAreNoReadAloudButtons()
    {
        var published = await browser.Site.DemoInterviewIdAsync("published");
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync("Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });");

        await page.GotoAsync($"/interviews/{published}");
        await Assertions.Expect(page.Locator("#e1 .entry-body")).ToBeVisibleAsync();
        // The script has run once the page has loaded (it is deferred).
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal(0, await page.Locator("button.read-aloud").CountAsync());
    }

    /// <summary>What the page gave the (recorded) speech synthesis to say, in order.</summary>
    private static async Task<Said[]> SaidAsync(IPage page) =>
        JsonSerializer.Deserialize<Said[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__said)")) ?? [];

    private sealed record Said(string Text, string Lang, string? Voice);
}
