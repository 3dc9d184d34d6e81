using System.ComponentModel.DataAnnotations;
using System.Globalization;

using Interview.Web.Text;

namespace Interview.Web.Staff;

/// <summary>
/// The Account resources for code without a service provider: sign-in messages that the pages and the API share (static
/// members) and validation attributes. Read in the current UI culture, which request localization sets per request.
/// </summary>
public static class AccountText
{
    public static string Get(string key) => ResourceText.Get(typeof(Resources.Account), key);

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);
}

/// <summary>
/// [Required], its message worded in the request's culture from <paramref name="resources"/> (a marker type of
/// Interview.Web.Resources; the Account resources when not given) by <paramref name="key"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredTextAttribute(string key, Type? resources = null) : RequiredAttribute
{
    public string Key { get; } = key;

    public override string FormatErrorMessage(string name) => resources is null ? AccountText.Get(Key) : ResourceText.Get(resources, Key);
}

/// <summary>[Range], its message worded like <see cref="RequiredTextAttribute"/>'s: for a choice that must be made (an id above 0).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeTextAttribute(int minimum, int maximum, string key, Type resources) : RangeAttribute(minimum, maximum)
{
    public string Key { get; } = key;

    public override string FormatErrorMessage(string name) => ResourceText.Get(resources, Key);
}
