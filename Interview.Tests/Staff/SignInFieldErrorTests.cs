using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;

namespace Interview.Tests.Staff;

/// <summary>The staff sign-in form, posted with a field left empty, ties the message to that field.</summary>
public sealed partial class SignInFieldErrorTests(SignInFieldErrorTests.Site site) : IClassFixture<SignInFieldErrorTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    [Fact]
    public async Task AnEmptyPasswordIsMarkedOnThePasswordFieldWhichTakesTheFocusAndTheEmailIsKept()
    {
        using var client = site.CreateClient();
        var token = Token().Match(await client.GetStringAsync("/account/sign-in")).Groups[1].Value;

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = StaffSite.AdminEmail,
            ["Input.Password"] = "",
        }));
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var (email, password) = (html.GetElementById("email")!, html.GetElementById("password")!);
        Assert.Equal("true", password.GetAttribute("aria-invalid"));
        Assert.Equal("请填写密码。", html.GetElementById(password.GetAttribute("aria-describedby")!)?.TextContent);
        Assert.True(password.HasAttribute("autofocus"));
        Assert.False(email.HasAttribute("aria-invalid") || email.HasAttribute("autofocus"));
        Assert.Equal(StaffSite.AdminEmail, email.GetAttribute("value"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
