using Bunit;
using Interview.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin;

public class StaffLayoutTests : AdminTestContext
{
    protected override bool RendersMudProviders => false;

    [Fact]
    public void TheLayoutOffersASkipLinkTheSignedInPersonAndSignOutAsAFormPost()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/sessions?status=live");
        var cut = Render<StaffLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "正文"))));

        // The page's own address: a bare "#main" resolves against <base href="/"> and would route the circuit home.
        Assert.Equal("/admin/sessions?status=live#main", cut.Find("a.skip").GetAttribute("href"));
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
