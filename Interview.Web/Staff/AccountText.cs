using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Resources;

namespace Interview.Web.Staff;

/// <summary>
/// The Account resources for code without a service provider: sign-in messages that the pages and the API share (static
/// members) and validation attributes. Read in the current UI culture, which request localization sets per request.
/// </summary>
public static class AccountText
{
    private static readonly ResourceManager Text = new(typeof(Resources.Account));

    public static string Get(string key) => Text.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);
}

/// <summary>[Required], its message worded from the Account resources (<paramref name="key"/>) in the request's culture.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredTextAttribute(string key) : RequiredAttribute
{
    public string Key { get; } = key;

    public override string FormatErrorMessage(string name) => AccountText.Get(Key);
}
