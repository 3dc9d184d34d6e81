using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>Waiting for a page to arrive somewhere, by its address alone.</summary>
public static class Navigation
{
    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression) by polling the address.
    /// Playwright's WaitForURL then also waits for the load event, and on a busy machine its client was seen to miss
    /// that event and wait out its whole timeout with the page long there. Steps after this wait for the elements they
    /// use, which is what a test needs.
    /// </summary>
    public static Task ArrivedAtAsync(this IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));
}
