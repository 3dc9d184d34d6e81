using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>WCAG 1.4.10 (reflow): at 320 CSS px wide a page scrolls only up and down.</summary>
public static class Reflow
{
    public const int NarrowWidth = 320;

    /// <summary>
    /// Null when the page is no wider than the window; else the page's width and the innermost elements that reach past
    /// the window's right edge (the ones to fix), at most three.
    /// </summary>
    private const string Overflow = """
        () => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return null;
          const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1);
          const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
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
