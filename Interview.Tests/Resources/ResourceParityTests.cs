using System.Text.RegularExpressions;
using System.Xml.Linq;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.Resources;

/// <summary>
/// Every resource area (Interview.Web/Resources/&lt;Area&gt;.resx, zh-CN, found by globbing the folder so that every
/// area is covered, whoever added it) has an English twin with the same keys and the same <c>{n}</c> arguments: a key
/// missing in one culture would show the other's text, an argument missing would drop a name or a number.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static string Folder => Path.Combine(Repository.Root, "Interview.Web", "Resources");

    private static string[] AreaNames() =>
    [
        .. Directory.GetFiles(Folder, "*.resx").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(name => !name.Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> Areas() => [.. AreaNames()];

    [Fact]
    public void TheAreasAreFound() => Assert.Contains("Public", AreaNames());

    [Fact]
    public void EveryEnglishFileHasItsChineseOne()
    {
        foreach (var english in Directory.GetFiles(Folder, "*.en.resx"))
        {
            Assert.True(File.Exists(english.Replace(".en.resx", ".resx", StringComparison.Ordinal)), english);
        }
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void EveryKeyIsInBothCulturesWithTheSameArguments(string area)
    {
        var chinese = Read(Path.Combine(Folder, area + ".resx"));
        var english = Read(Path.Combine(Folder, area + ".en.resx"));

        Assert.Equal(chinese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, zh) in chinese)
        {
            Assert.False(string.IsNullOrWhiteSpace(zh), $"{area}.{key} is empty in zh-CN");
            Assert.False(string.IsNullOrWhiteSpace(english[key]), $"{area}.{key} is empty in English");
            Assert.True(Arguments(zh).SetEquals(Arguments(english[key])), $"{area}.{key}: {{n}} arguments differ between zh-CN and English");
            Assert.False(Cjk().IsMatch(english[key]), $"{area}.{key} has Chinese in the English text: {english[key]}");
        }
    }

    private static Dictionary<string, string> Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    private static HashSet<string> Arguments(string text) => [.. Argument().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Argument();

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();
}
