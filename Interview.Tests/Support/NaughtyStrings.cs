using System.Text.Json;

namespace Interview.Tests.Support;

/// <summary>
/// The Big List of Naughty Strings (Support/Data/blns.json, MIT, licence beside it), copied into the output so a clone
/// passes its tests on its own.
/// </summary>
public static class NaughtyStrings
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Support", "Data", "blns.json");

    public static IReadOnlyList<string> All() => JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path))!;
}
