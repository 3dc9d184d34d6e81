using System.Globalization;

namespace Interview.Bench;

internal enum Scenario
{
    All,
    Memory,
    Latency,
    /// <summary>Issue 5: citizens' questions at a fixed rate with the moderation console open (not part of "all").</summary>
    Questions,
    /// <summary>Issue 11: kill -9 of the instance live viewers are on, behind nginx (needs --instances 2).</summary>
    Failover,
    /// <summary>Issue 15: kill -9 of the one server with viewers on its event stream, started again on its data.</summary>
    Restart,
}

/// <summary>How the benchmark's public viewers follow a session.</summary>
internal enum Transport
{
    /// <summary>The public event stream (issue 15), as the live page's EventSource does: the default.</summary>
    Sse,
    /// <summary>The SignalR hub /hubs/live, as portals that embed it do.</summary>
    SignalR,
}

/// <summary>Where the site keeps its data: its embedded SQLite file, or a PostgreSQL server the benchmark starts.</summary>
internal enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>The command line. Defaults are the targets of issue 4 ("Benchmark").</summary>
internal sealed class Options
{
    public const int MemoryTargetViewers = 5000;
    public const double MemoryTargetKbPerViewer = 40;
    public const int LatencyTargetViewers = 2000;
    public const double LatencyTargetRate = 2;
    public const double LatencyTargetP99Ms = 500;
    public const int FailoverViewers = 200;
    // Issue 15's targets for the event stream.
    public const int SseMemoryTargetViewers = 18000;
    public const double SseMemoryTargetKbPerViewer = 15;
    public const double SseLatencyTargetRate = 10;
    public const double SseTargetP99Ratio = 1.5;
    public const int SseTargetEntryBytes = 450;
    public const int RestartViewers = 2000;
    public static readonly TimeSpan RestartTargetBack = TimeSpan.FromSeconds(30);
    /// <summary>A 2 Mbit/s uplink (a district portal's whole Internet link) in bytes per second.</summary>
    public const double UplinkBytesPerSecond = 250_000;
    /// <summary>The pace the uplink figure assumes: one entry every 10 s.</summary>
    public const double UplinkEntrySeconds = 10;

    public Transport Transport { get; private set; } = Transport.Sse;
    private double? _rate;
    private int? _entries;

    public Scenario Scenario { get; private set; } = Scenario.All;
    public int? Viewers { get; private set; }
    public int Entries => _entries ?? (Transport == Transport.Sse ? 300 : 60);
    public double Rate => _rate ?? (Transport == Transport.Sse && Scenario != Scenario.Failover ? SseLatencyTargetRate : LatencyTargetRate);
    public int Batch { get; private set; } = 200;
    public int WarmUp { get; private set; } = 30;
    public int SettleSeconds { get; private set; } = 5;
    public int? Port { get; private set; }
    public string? Repo { get; private set; }
    public string? ServerDll { get; private set; }
    public bool Build { get; private set; } = true;
    public bool EchoServer { get; private set; }
    public string? SnapshotCommand { get; private set; }
    public bool BrowserHeaders { get; private set; } = true;
    public List<KeyValuePair<string, string>> ServerEnvironment { get; } = [];
    public double QuestionsPerSecond { get; private set; } = 200;
    public int Seconds { get; private set; } = 60;
    public bool OpenConsole { get; private set; } = true;
    /// <summary>2: two site processes on one PostgreSQL and one Redis, behind Debian's nginx with deploy/nginx/interview.conf.</summary>
    public int Instances { get; private set; } = 1;
    /// <summary>Run the scenarios against the bare SSE reference alone (its memory per viewer, its latency).</summary>
    public bool Reference { get; private set; }
    private Provider? _provider;
    /// <summary>Two instances share one database: PostgreSQL, whatever was asked.</summary>
    public Provider Provider => Instances > 1 ? Provider.Postgres : _provider ?? Provider.Sqlite;
    /// <summary>Set by Program: the benchmark's admin, who signs in to the console.</summary>
    public string ConsoleEmail { get; set; } = "";
    public string ConsolePassword { get; set; } = "";

    /// <summary>The memory target for the transport: issue 15's for the event stream, issue 4's for the hub.</summary>
    public int MemoryTargetViewerCount => Transport == Transport.Sse ? SseMemoryTargetViewers : MemoryTargetViewers;
    public double MemoryTargetKb => Transport == Transport.Sse ? SseMemoryTargetKbPerViewer : MemoryTargetKbPerViewer;
    public double LatencyTargetRateFor => Transport == Transport.Sse ? SseLatencyTargetRate : LatencyTargetRate;
    public int MemoryViewers => Viewers ?? MemoryTargetViewerCount;
    public int RestartViewerCount => Viewers ?? RestartViewers;
    public int LatencyViewers => Viewers ?? LatencyTargetViewers;
    public int FailoverViewerCount => Viewers ?? FailoverViewers;

    public const string Usage = """
        Interview.Bench: load generator for the public event stream (SSE) and the live hub (/hubs/live).

          --scenario all|memory|latency|restart|questions|failover
                                         what to run (default all: memory at 18000 SSE viewers (5000 on the hub), then
                                         latency at 2000, against the site and then the bare SSE reference;
                                         restart: 2000 SSE viewers, kill -9 of the server, started again on its data;
                                         questions: citizens' questions with the moderation console open;
                                         failover: viewers through nginx, kill -9 of their instance, needs --instances 2)
          --transport sse|signalr        how viewers follow the session (default sse: the event stream, as the live
                                         page does; signalr: the hub, with issue 4's targets)
          --instances 1|2                2: the benchmark also starts PostgreSQL, Redis, two site processes and nginx
                                         with deploy/nginx/interview.conf (latency: half the viewers on each instance,
                                         entries published on the first; failover). Default 1
          --reference                    memory/latency against the bare SSE reference alone, not the site (what an SSE
                                         connection costs with nothing behind it; no PASS/FAIL for latency)
          --provider sqlite|postgres     the site's database with one instance (default sqlite; postgres: the benchmark
                                         starts its own PostgreSQL). Two instances always use PostgreSQL
          --qps Q                        questions scenario: questions per second (default 200)
          --seconds S                    questions scenario: how long (default 60)
          --no-console                   questions scenario: do not open the moderation console in Chromium
          --viewers N                    viewers for the chosen scenario(s) (default 18000 memory (5000 on the hub),
                                         2000 latency, 2000 restart, 200 failover)
          --entries M                    entries to publish in the latency scenario (default 300; 60 on the hub)
          --rate R                       entries per second (default 10; 2 on the hub and in failover)
          --warmup W                     entries published first and not counted (default 30: JIT warm-up)
          --batch B                      viewers connecting at once (default 200)
          --settle S                     seconds to wait after connecting before sampling memory (default 5)
          --port P                       server port (default: a free one)
          --repo DIR                     the repository (default: found upwards from here)
          --server-dll PATH              run this Interview.Web.dll instead of building one
          --no-build                     do not build the server (use the last bench build)
          --server-env KEY=VALUE         extra environment for the server (repeatable), e.g. DOTNET_gcServer=0
          --bare                         viewers send only the WebSocket headers (default: also a browser's
                                         Origin, User-Agent, Accept-Language, …, which the server holds per viewer)
          --server-log                   echo the server's output
          --snapshot CMD                 memory scenario: run `CMD PID before|after` at both sample points (a heap
                                         inspection tool, to see where the memory per viewer goes)
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int NextInt(int min) => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v : throw new ArgumentException($"{arg} needs a whole number ≥ {min}");
            switch (arg)
            {
                case "--scenario":
                    o.Scenario = Next() switch
                    {
                        "all" => Scenario.All,
                        "memory" => Scenario.Memory,
                        "latency" => Scenario.Latency,
                        "questions" => Scenario.Questions,
                        "failover" => Scenario.Failover,
                        "restart" => Scenario.Restart,
                        var s => throw new ArgumentException($"unknown scenario '{s}': all, memory, latency, restart, questions or failover"),
                    };
                    break;
                case "--transport":
                    o.Transport = Next() switch
                    {
                        "sse" => Transport.Sse,
                        "signalr" => Transport.SignalR,
                        var t => throw new ArgumentException($"unknown transport '{t}': sse or signalr"),
                    };
                    break;
                case "--instances":
                    o.Instances = NextInt(1);
                    if (o.Instances > 2)
                    {
                        throw new ArgumentException("--instances is 1 or 2 (the shipped nginx configuration names two)");
                    }
                    break;
                case "--provider":
                    o._provider = Next() switch
                    {
                        "sqlite" => Provider.Sqlite,
                        "postgres" => Provider.Postgres,
                        var p => throw new ArgumentException($"unknown provider '{p}': sqlite or postgres"),
                    };
                    break;
                case "--viewers": o.Viewers = NextInt(1); break;
                case "--entries": o._entries = NextInt(1); break;
                case "--qps":
                    o.QuestionsPerSecond = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0
                        ? q : throw new ArgumentException("--qps needs a number > 0");
                    break;
                case "--seconds": o.Seconds = NextInt(1); break;
                case "--no-console": o.OpenConsole = false; break;
                case "--reference": o.Reference = true; break;
                case "--rate":
                    o._rate = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0
                        ? r : throw new ArgumentException("--rate needs a number > 0");
                    break;
                case "--batch": o.Batch = NextInt(1); break;
                case "--warmup": o.WarmUp = NextInt(0); break;
                case "--settle": o.SettleSeconds = NextInt(0); break;
                case "--port": o.Port = NextInt(1); break;
                case "--repo": o.Repo = Next(); break;
                case "--server-dll": o.ServerDll = Next(); o.Build = false; break;
                case "--no-build": o.Build = false; break;
                case "--server-log": o.EchoServer = true; break;
                case "--bare": o.BrowserHeaders = false; break;
                case "--snapshot": o.SnapshotCommand = Next(); break;
                case "--server-env":
                    var pair = Next();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException("--server-env needs KEY=VALUE");
                    }
                    o.ServerEnvironment.Add(new(pair[..eq], pair[(eq + 1)..]));
                    break;
                case "-h" or "--help":
                    throw new HelpRequestedException();
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }
        if (o.Instances > 1 && o.Scenario is not (Scenario.Latency or Scenario.Failover))
        {
            throw new ArgumentException("--instances 2 runs --scenario latency or --scenario failover");
        }
        if (o.Scenario == Scenario.Failover && o.Instances < 2)
        {
            throw new ArgumentException("--scenario failover needs --instances 2");
        }
        if (o.Scenario == Scenario.Restart && (o.Instances > 1 || o.Transport != Transport.Sse))
        {
            throw new ArgumentException("--scenario restart runs one instance with --transport sse");
        }
        if (o.Reference && (o.Transport != Transport.Sse || o.Instances > 1 || o.Scenario is not (Scenario.All or Scenario.Memory or Scenario.Latency)))
        {
            throw new ArgumentException("--reference runs memory or latency with --transport sse on one instance");
        }
        if (o.Instances > 1 && o._provider == Provider.Sqlite)
        {
            throw new ArgumentException("two instances share one PostgreSQL: drop --provider sqlite");
        }
        return o;
    }
}

internal sealed class HelpRequestedException : Exception;
