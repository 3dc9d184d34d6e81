namespace Interview.Web.Resources;

/// <summary>The account pages' and sign-in text: sign-in, two-factor, change password, denied (Account.resx: zh-CN; Account.en.resx: English).</summary>
public sealed class Account;
