using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>
/// axe-core (embedded in Deque.AxeCore.Playwright, no download) over the pages of one walk: every page's violations are
/// kept with the page they were found on, so one failure lists them all.
/// </summary>
public sealed class AxeWalk
{
    /// <summary>WCAG 2.1 A and AA, and Deque's best practices: the bar.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    private readonly List<string> _violations = [];
    private readonly HashSet<string> _pending;

    /// <param name="pendingRules">
    /// Rules known to fail for a reason outside this walk's reach, skipped with the reason at the call site; keep empty.
    /// </param>
    public AxeWalk(params string[] pendingRules) => _pending = [.. pendingRules];

    /// <summary>
    /// Also WCAG's AAA rules (<c>wcag2aaa</c>: contrast ≥ 7:1 as <c>color-contrast-enhanced</c>), for 适老化 (elder) mode,
    /// which promises them.
    /// </summary>
    public bool Enhanced { get; init; }

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Pages walked, for the report.</summary>
    public List<string> Pages { get; } = [];

    /// <summary>Runs axe on the page as it is now and records what it finds under <paramref name="name"/>.</summary>
    public async Task CheckAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await SettledAsync(page);
        var rules = new Dictionary<string, RuleOptions>
        {
            // WCAG 2.5.3 (label in name): axe marks the rule experimental, so the tags alone do not run it.
            ["label-content-name-mismatch"] = new() { Enabled = true },
        };
        foreach (var rule in _pending)
        {
            rules[rule] = new() { Enabled = false };
        }
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = Enhanced ? [.. Tags, "wcag2aaa"] : [.. Tags] },
            Rules = rules,
            ResultTypes = [ResultType.Violations],
        });
        Pages.Add(name);
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                _violations.Add($"{name}: {violation.Id} ({violation.Impact}) at {node.Target} · {Shorten(node.Html)}");
            }
        }
    }

    /// <summary>Fails with every violation found, one a line.</summary>
    public void AssertNone()
    {
        Assert.True(_violations.Count == 0,
            $"axe found {_violations.Count} violation(s) on {Pages.Count} page(s):\n" + string.Join("\n", _violations));
    }

    /// <summary>
    /// Waits until nothing animates any more (MudBlazor fades popovers and ripples; a colour caught mid-fade is not the
    /// page's colour). Endless animations (a progress bar) are ignored.
    /// </summary>
    private static Task SettledAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
