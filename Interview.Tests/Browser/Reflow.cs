using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>WCAG 1.4.10 (reflow): at 320 CSS px wide a page scrolls only up and down.</summary>
public static class Reflow
{
    public const int NarrowWidth = 320;

    /// <summary>
    /// Null when nothing reaches past the window's right edge; else the page's width and the innermost elements that do
    /// (the ones to fix), at most three. The page's scroll width alone misses a fixed bar (the app bar) whose end is
    /// cut off; what a region that scrolls by itself holds (a wide table) is that region's business, not the page's.
    /// </summary>
    private const string Overflow = """
        () => {
          const root = document.documentElement;
          const scrolls = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
          const wide = [...document.body.querySelectorAll('*')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > root.clientWidth + 1 && !scrolls(e); });
          if (root.scrollWidth <= root.clientWidth && wide.length === 0) return null;
          const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
          const name = e => e instanceof SVGElement && e.closest('svg')?.parentElement ? 'svg in ' + name(e.closest('svg').parentElement) : e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).slice(0, 3).join('.') : '') +
            ' (right ' + Math.round(e.getBoundingClientRect().right) + 'px)';
          return 'page is ' + root.scrollWidth + 'px wide: ' + innermost.slice(0, 3).map(name).join(', ');
        }
        """;

    /// <summary>Adds a problem when the page, as it is now, scrolls sideways.</summary>
    public static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(problems);
        if (await page.EvaluateAsync<string?>(Overflow) is { } problem)
        {
            problems.Add($"{name}: {problem}");
        }
    }
}
