using Bunit;
using Interview.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace Interview.Tests.Components.Admin;

public class StaffLayoutTests : AdminTestContext
{
    protected override bool RendersMudProviders => false;

    [Fact]
    public void TheLayoutOffersASkipLinkTheSignedInPersonAndSignOutAsAFormPost()
    {
        var cut = Render<StaffLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "正文"))));

        Assert.Equal("#main", cut.Find("a.skip").GetAttribute("href"));
        Assert.Contains("正文", cut.Find("main#main").TextContent, StringComparison.Ordinal);
        // The signed-in person by display name; the e-mail only as the tooltip.
        var user = cut.WaitForElement("header .staff-user");
        Assert.Equal((AdminName, AdminEmail), (user.TextContent.Trim(), user.GetAttribute("title")));
        Assert.DoesNotContain(AdminEmail, cut.Find("header").TextContent, StringComparison.Ordinal);
        var form = cut.Find("form.sign-out");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/sign-out", form.GetAttribute("action"));
        Assert.Equal("submit", form.QuerySelector("button")!.GetAttribute("type"));
    }
}
