using Interview.Tests.Questions.Sms;
using Microsoft.Playwright;

namespace Interview.Tests.Browser;

/// <summary>The verifying question form with a gateway sender configured (the walk's site has none).</summary>
public sealed class PhoneVerificationBrowserFixture() : BrowserFixture(new PhoneVerificationSite())
{
    public PhoneVerificationSite Sms => (PhoneVerificationSite)Site;
}

/// <summary>
/// What only a browser shows: the form with a second submit button passes axe, and Enter in a field asks the question
/// (the form's first, unseen submit button) rather than sending another code.
/// </summary>
public sealed class PhoneVerificationBrowserTests(PhoneVerificationBrowserFixture browser) : IClassFixture<PhoneVerificationBrowserFixture>
{
    [Fact]
    public async Task TheVerifyingFormPassesAxeAndEnterAsksTheQuestionWithTheCode()
    {
        var id = await browser.Sms.LiveSessionAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/interviews/{id}/ask");
        var walk = new AxeWalk();
        await walk.CheckAsync(page, "verifying question form");

        await page.GetByLabel("昵称").FillAsync("市民小陈");
        await page.Locator("#ask-text").FillAsync("小区加装电梯怎么申请？");
        await page.Locator("#ask-phone").FillAsync("13900000201");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("验证码已发送");
        await Assertions.Expect(page.Locator("#ask-text")).ToHaveValueAsync("小区加装电梯怎么申请？");
        await walk.CheckAsync(page, "verifying question form, code sent");
        await page.Locator("#ask-code").FillAsync(browser.Sms.Gateway.LastCodeFor("13900000201"));
        await page.Locator("#ask-code").PressAsync("Enter");

        await page.WaitForURLAsync("**/receipts/*");
        Assert.Single(browser.Sms.Gateway.Messages, m => m.Phone == "13900000201");
        walk.AssertNone();
    }
}
