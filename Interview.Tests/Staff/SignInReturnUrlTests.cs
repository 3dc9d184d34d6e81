using Interview.Web.Staff;

namespace Interview.Tests.Staff;

/// <summary>After sign-in the staff member goes where they were going, if that is a page of this site.</summary>
public sealed class SignInReturnUrlTests
{
    [Theory]
    [InlineData("/admin/sessions/3/moderate", "/admin/sessions/3/moderate")]
    [InlineData("/admin/audit?q=登录", "/admin/audit?q=登录")]
    [InlineData(null, "/admin")]
    [InlineData("", "/admin")]
    [InlineData("/", "/admin")]
    [InlineData("//evil.example", "/admin")]
    [InlineData("/\\evil.example", "/admin")]
    [InlineData("/\t/evil.example", "/admin")]
    [InlineData("https://evil.example/admin", "/admin")]
    [InlineData("admin", "/admin")]
    [InlineData("/account/sign-in?returnUrl=/admin", "/admin")]
    [InlineData("/ACCOUNT/two-factor", "/admin")]
    public void OnlyALocalPageOutsideTheAccountPagesIsFollowed(string? returnUrl, string expected) =>
        Assert.Equal(expected, StaffSignIn.SafeReturnUrl(returnUrl));
}
