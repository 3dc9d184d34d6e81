using System.Globalization;
using System.Text.RegularExpressions;

namespace Interview.Tests.Support.Servers;

/// <summary>
/// Reads what /metrics returns, strictly: the Prometheus text format 0.0.4 (every sample line a name, optional labels
/// and a number; every family announced by # HELP and # TYPE before its samples). A line that is not is an error, so
/// a test that reads figures also proves the output is something Prometheus can scrape.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    public IReadOnlyDictionary<string, string> Types { get; }

    private PrometheusText(Dictionary<string, string> types) => Types = types;

    public static PrometheusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new PrometheusText(types);
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helped.Add(line.Split(' ')[2]);
            }
            else if (Type().Match(line) is { Success: true } type)
            {
                types.Add(type.Groups[1].Value, type.Groups[2].Value);
            }
            else if (Sample().Match(line) is { Success: true } sample)
            {
                var name = sample.Groups[1].Value;
                var family = types.Keys.FirstOrDefault(f => name == f || (name.StartsWith(f, StringComparison.Ordinal) && name[f.Length..] is "_bucket" or "_sum" or "_count"))
                    ?? throw new FormatException($"Sample before its # TYPE: {line}");
                if (!helped.Contains(family))
                {
                    throw new FormatException($"No # HELP for {family}");
                }
                var labels = Label().Matches(sample.Groups[2].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
                parsed._samples.Add((name, labels, double.Parse(sample.Groups[3].Value.Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture)));
            }
            else
            {
                throw new FormatException($"Not Prometheus text: {line}");
            }
        }
        return parsed;
    }

    /// <summary>The value of the sample with this name and (at least) these labels; 0 when there is none yet.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            .Sum(s => s.Value);

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex Type();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
