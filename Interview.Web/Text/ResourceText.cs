using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace Interview.Web.Text;

/// <summary>
/// A string of one of the site's resources (a marker type of Interview.Web.Resources) in the current UI culture, for code
/// that words text without a localizer: validation attributes, static helpers, files the site writes.
/// </summary>
public static class ResourceText
{
    private static readonly ConcurrentDictionary<Type, ResourceManager> Managers = new();

    public static string Get(Type resources, string key) =>
        Managers.GetOrAdd(resources, type => new ResourceManager(type)).GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
