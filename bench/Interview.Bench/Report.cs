using System.Globalization;

namespace Interview.Bench;

/// <summary>The PASS/FAIL lines against the targets of issue 4, and the exit code.</summary>
internal sealed class Report
{
    private readonly List<(string What, bool Pass, bool AtTarget)> _checks = [];

    public bool Failed { get; set; }
    public bool Interrupted { get; set; }

    /// <summary>A check; <paramref name="atTarget"/> false: run below the target's size, so the result is indicative.</summary>
    public void Check(string what, bool pass, bool atTarget) => _checks.Add((what, pass, atTarget));

    public int Summarize()
    {
        Console.WriteLine();
        foreach (var (what, pass, atTarget) in _checks)
        {
            Console.WriteLine($"{(pass ? "PASS" : "FAIL")}  {what}{(atTarget ? "" : "  (below the target's size: indicative)")}");
        }
        if (Interrupted)
        {
            Console.WriteLine("INTERRUPTED");
            return 130;
        }
        if (Failed)
        {
            Console.WriteLine("ERROR: the benchmark did not complete");
            return 2;
        }
        var failed = _checks.Count(c => !c.Pass);
        Console.WriteLine(failed == 0 ? "bench: all targets met" : $"bench: {failed} target(s) missed");
        return failed == 0 ? 0 : 1;
    }

    public static string Mb(long? bytes) =>
        bytes is { } b ? (b / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + "MB" : "?";

    /// <summary>The machine: cores and the 1-minute load average (other work on the machine skews the figures).</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, load average {(LoadAverage() is { } load ? load.ToString("F2", CultureInfo.InvariantCulture) : "?")}";

    /// <summary>The 1-minute load average, or null where unknown.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>This process's soft limit of open files (/proc/self/limits), or null where unknown.</summary>
    public static long? OpenFileLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
