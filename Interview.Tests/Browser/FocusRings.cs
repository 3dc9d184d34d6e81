using System.Text.Json;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>
/// Tabs through a page as a keyboard user would and checks that every control it reaches shows a focus ring (WCAG
/// 2.4.7) of at least 2 px whose colour has 3:1 against what surrounds it (WCAG 1.4.11). axe does not check focus.
/// </summary>
public static class FocusRings
{
    /// <summary>Enough to reach every control of a console's first screen and the menu; a page with more wraps sooner.</summary>
    private const int MaxTabs = 50;

    /// <summary>
    /// For the focused element: null when its ring is fine, else what is wrong. A checkbox, radio or switch focuses an
    /// invisible input inside its icon, so the ring is looked for on the nearest of the icon's boxes that has one. The ring sits outside the control
    /// (outline-offset), so its contrast is taken against the nearest background behind the control, with translucent
    /// layers blended down to the first opaque one.
    /// </summary>
    private const string CheckFocused = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return { key: null, problem: null };
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : '') +
            ' "' + (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 30) + '"';
          const key = name + '@' + Math.round(el.getBoundingClientRect().top) + ',' + Math.round(el.getBoundingClientRect().left);
          let target = el;
          if (getComputedStyle(el).opacity === '0') {
            for (let n = el.parentElement, i = 0; n && i < 3; n = n.parentElement, i++) {
              if (getComputedStyle(n).outlineStyle !== 'none') { target = n; break; }
            }
          }
          const style = getComputedStyle(target);
          const width = parseFloat(style.outlineWidth) || 0;
          if (style.outlineStyle === 'none' || width < 2) return { key, problem: name + ': no focus ring (outline ' + style.outlineStyle + ' ' + style.outlineWidth + ')' };
          const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
          const layers = [];
          for (let n = target.parentElement; n; n = n.parentElement) {
            const c = parse(getComputedStyle(n).backgroundColor);
            if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
          }
          let bg = [255, 255, 255];
          for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
          const ring = parse(style.outlineColor);
          const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const a = lum(ring.slice(0, 3)), b = lum(bg);
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          return { key, problem: ratio >= 3 ? null : name + ': ring ' + style.outlineColor + ' on rgb(' + bg.map(Math.round) + ') is ' + ratio.toFixed(2) + ':1' };
        }
        """;

    /// <summary>Tabs from where the page put the focus until focus comes back round or <see cref="MaxTabs"/>; adds each problem found.</summary>
    public static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(problems);
        var seen = new HashSet<string>();
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>(CheckFocused);
            if (focused.GetProperty("key").GetString() is not { } key)
            {
                continue;
            }
            if (!seen.Add(key))
            {
                break;
            }
            if (focused.GetProperty("problem").GetString() is { } problem)
            {
                problems.Add($"{name}: {problem}");
            }
        }
    }
}
