using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Interview.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace Interview.Tests.Components.Admin;

/// <summary>Issue 12 §1: the consoles' frame (skip link, menu button, account buttons) in English.</summary>
public sealed partial class EnglishStaffLayoutTests : AdminTestContext
{
    protected override bool RendersMudProviders => false;

    [Fact]
    public void TheLayoutReadsInEnglishButForTheSiteName()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var cut = Render<StaffLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

            Assert.Equal("Skip to main content", cut.Find("a.skip").TextContent.Trim());
            Assert.Contains("Sign out", cut.Find("form.sign-out").TextContent, StringComparison.Ordinal);
            // The site's name is a setting (its English counterpart is the seam branch's setting), not UI text.
            var text = System.Net.WebUtility.HtmlDecode(cut.Markup).Replace(new Interview.Web.InterviewOptions().SiteName, " ", StringComparison.Ordinal);
            Assert.Empty(Cjk().Matches(text).Select(m => m.Value));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")]
    private static partial Regex Cjk();
}
