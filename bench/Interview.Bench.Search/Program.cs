using System.Diagnostics;
using System.Globalization;
using Interview.Bench.Search;
using Interview.Web;
using Interview.Web.Hosting;
using Interview.Web.Search;
using Interview.Web.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var entries = 1_000_000;
var perSession = 50;
var runs = 5;
string? keep = null;
var provider = "sqlite";
string? connection = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--entries":
            entries = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--per-session":
            perSession = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--keep":
            keep = args[++i];
            break;
        case "--provider":
            provider = args[++i];
            break;
        case "--connection":
            connection = args[++i];
            break;
        case "--help" or "-h":
            Console.WriteLine("bash bench/search.sh [--entries 1000000] [--per-session 50] [--runs 5] [--keep FOLDER]");
            Console.WriteLine("  [--provider postgres --connection 'Host=127.0.0.1;Port=5433;Username=...;Database=postgres']  (a database is made and dropped there)");
            return 0;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

// Targets (issue 6): on a 2-core machine.
const double BuildTarget = 120;
const double NewestTarget = 20;
const double RelevanceTarget = 200;
const double SizeTarget = 3;

var directory = keep ?? Path.Combine(Path.GetTempPath(), "interview-search-bench-" + Guid.NewGuid().ToString("N"));
IBenchDatabase database;
switch (provider)
{
    case "sqlite":
        database = new BenchDatabase(directory);
        break;
    case "postgres" when connection is not null:
        database = new PostgresBenchDatabase(connection);
        break;
    default:
        Console.Error.WriteLine("--provider is sqlite or postgres; postgres needs --connection");
        return 2;
}
var report = new List<(string Line, bool? Pass)>();
void Say(string line, bool? pass = null)
{
    Console.WriteLine(pass is { } p ? $"{line}  {(p ? "PASS" : "FAIL")}" : line);
    report.Add((line, pass));
}

try
{
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {Load()}; {database.Describe()}");
    await database.CreateAsync();
    var clock = Stopwatch.StartNew();
    var filled = database.Fill(entries, perSession, seed: 20261122, n => Console.Write($"\rgenerating: {n:N0} entries"));
    Console.WriteLine($"\rgenerated {filled.Entries:N0} entries in {filled.Sessions:N0} published sessions, {filled.Questions:N0} approved questions, in {clock.Elapsed.TotalSeconds:0} s");
    var before = database.Size();

    var renderer = new MarkdownRenderer();
    var index = new SearchIndex(database, renderer, NullLogger<SearchIndex>.Instance);
    Console.WriteLine($"building the index (load {Load()})...");
    var rebuilt = await index.RebuildAsync();
    var after = database.Size();
    var indexBytes = after - before;
    Say($"index build: {rebuilt.Documents:N0} documents in {rebuilt.Elapsed.TotalSeconds:0.0} s (target ≤ {BuildTarget:0} s; load {Load()})",
        rebuilt.Elapsed.TotalSeconds <= BuildTarget);
    var ratio = (double)(filled.RawTextBytes + indexBytes) / filled.RawTextBytes;
    Say($"size: raw text {Mb(filled.RawTextBytes)} MB (UTF-8, all indexed text), index {Mb(indexBytes)} MB = {(double)indexBytes / filled.RawTextBytes:0.00}× raw; " +
        $"text stored once + index = {ratio:0.00}× (target ≤ {SizeTarget:0}×)", ratio <= SizeTarget);
    Console.WriteLine($"  (the whole bench database, which also keeps each entry's Markdown and HTML as the site does: {Mb(after)} MB)");

    var search = new SearchService(database, renderer, new SiteTime(Options.Create(new InterviewOptions())));
    var queries = QueryMix.Build();
    Console.WriteLine($"queries: {queries.Count} ({string.Join(", ", QueryMix.Groups.Select(g => $"{queries.Count(q => q.Group == g)} {g}"))}), each once to warm up, then {runs} times timed");
    var newest = new List<(BenchQuery Query, double Ms, int Total)>();
    var relevance = new List<(BenchQuery Query, double Ms, int Total)>();
    foreach (var query in queries)
    {
        foreach (var (sort, into) in new[] { (SearchSort.Newest, newest), (SearchSort.Relevance, relevance) })
        {
            var request = new SearchRequest(query.Text, Sort: sort);
            var results = await search.SearchAsync(request);
            for (var run = 0; run < runs; run++)
            {
                var timer = Stopwatch.StartNew();
                await search.SearchAsync(request);
                into.Add((query, timer.Elapsed.TotalMilliseconds, results.Total));
            }
        }
    }
    Console.WriteLine("newest first, top 20 (SearchService.SearchAsync: the count, the page, titles and snippets):");
    foreach (var group in QueryMix.Groups)
    {
        var times = newest.Where(t => t.Query.Group == group).Select(t => t.Ms).ToList();
        Say($"  {group,-9} p50 {Percentile(times, 50),6:0.0} ms  p95 {Percentile(times, 95),6:0.0} ms  (target p95 ≤ {NewestTarget:0} ms)",
            Percentile(times, 95) <= NewestTarget);
    }
    var ranked = relevance.Select(t => t.Ms).ToList();
    Say($"relevance, top 20: p50 {Percentile(ranked, 50):0.0} ms  p95 {Percentile(ranked, 95):0.0} ms (target p95 ≤ {RelevanceTarget:0} ms)",
        Percentile(ranked, 95) <= RelevanceTarget);
    foreach (var (name, set) in new[] { ("newest", newest), ("relevance", relevance) })
    {
        var slowest = set.GroupBy(t => t.Query.Text).Select(g => (Query: g.Key, Ms: g.Max(t => t.Ms), g.First().Total))
            .OrderByDescending(t => t.Ms).Take(5);
        Console.WriteLine($"  slowest ({name}): {string.Join("; ", slowest.Select(s => $"{s.Query} {s.Ms:0.0} ms ({s.Total:N0} matches)"))}");
    }
    var failed = report.Count(r => r.Pass == false);
    Console.WriteLine(failed == 0 ? "all targets met" : $"{failed} target(s) missed");
    return failed == 0 ? 0 : 1;
}
finally
{
    if (keep is null)
    {
        database.Drop();
    }
}

static double Percentile(List<double> values, int percentile)
{
    if (values.Count == 0)
    {
        return 0;
    }
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

static string Mb(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
