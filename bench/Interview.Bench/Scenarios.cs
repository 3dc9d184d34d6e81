using System.Collections.Concurrent;
using System.Diagnostics;

namespace Interview.Bench;

internal static class Scenarios
{
    /// <summary>
    /// Server memory per viewer: RSS with N viewers joined minus RSS before any (after a warm-up crowd has come and
    /// gone, so that JIT and one-time allocations are in the baseline), over N. Measured twice: as found, and after a
    /// full collection the benchmark asks the server for (InducedGc), which leaves out garbage not yet collected; the
    /// second is the one judged when the server allows it.
    /// </summary>
    public static async Task MemoryAsync(Options options, ServerProcess server, StaffClient staff, Report report,
        CancellationToken cancellationToken)
    {
        var n = options.MemoryViewers;
        var hubUrl = server.BaseAddress;
        Console.WriteLine();
        Console.WriteLine($"== memory: {n} viewers ({Transports.Name(options.Transport)})");
        var session = await staff.CreateLiveSessionAsync("压力测试：在线人数与内存", cancellationToken);

        var warm = await Crowd.ConnectAsync(hubUrl, session, Math.Min(n, 100), options, cancellationToken);
        await Crowd.DisposeAllAsync(warm.Connected, options.Batch);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        var (before, beforeGc) = await MeasureAsync(server, "before", cancellationToken);
        await SnapshotAsync(options, server, "before", cancellationToken);

        var cpuBefore = server.CpuSeconds();
        var crowd = await Crowd.ConnectAsync(hubUrl, session, n, options, cancellationToken);
        var cpuConnect = server.CpuSeconds() - cpuBefore;
        Console.WriteLine($"  connected {crowd.Connected.Count}/{n} in {crowd.Elapsed.TotalSeconds:F1} s " +
            $"({crowd.Connected.Count / Math.Max(0.001, crowd.Elapsed.TotalSeconds):F0}/s, server cpu {cpuConnect:F1} s)" +
            (crowd.Failed > 0 ? $", {crowd.Failed} failed: {crowd.FirstError}" : ""));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
            var (after, afterGc) = await MeasureAsync(server, "after", cancellationToken);
            await SnapshotAsync(options, server, "after", cancellationToken);
            var alive = crowd.Connected.Count(v => !v.Closed);
            // An SSE viewer whose stream broke comes back on its own: held means it never had to.
            var drops = crowd.Connected.OfType<SseViewer>().Sum(v => v.Drops);
            Console.WriteLine($"  still connected: {alive}" + (options.Transport == Transport.Sse ? $", streams that broke meanwhile: {drops}" : ""));

            double PerViewer(long from, long to) => alive == 0 ? double.NaN : (to - from) / 1024.0 / alive;
            var raw = PerViewer(before.Rss, after.Rss);
            var collected = beforeGc is not null && afterGc is not null ? PerViewer(beforeGc.Rss, afterGc.Rss) : (double?)null;
            var judged = collected ?? raw;
            var final = collected is null ? after : afterGc!;
            var start = collected is null ? before : beforeGc!;
            Console.WriteLine($"viewers={n} connected={alive} server_rss_before={Report.Mb(start.Rss)} after={Report.Mb(final.Rss)} " +
                $"per_viewer_kb={judged:F1}" + (collected is null ? " (no full GC: the server has no diagnostics socket)" :
                    $" (after a full GC; as found, without it: {raw:F1}, RssAnon {PerViewer(beforeGc!.Anon, afterGc!.Anon):F1})") +
                $" load_generator_rss={Report.Mb(Environment.WorkingSet)}");
            var atTarget = n >= options.MemoryTargetViewerCount;
            report.Check($"memory: {alive}/{n} viewers held ({Transports.Name(options.Transport)}; target ≥ {options.MemoryTargetViewerCount})",
                alive == n && drops == 0, atTarget);
            report.Check($"memory: {judged:F1} KB per viewer ≤ {options.MemoryTargetKb} KB", judged <= options.MemoryTargetKb, atTarget);
        }
        finally
        {
            var closing = Stopwatch.StartNew();
            await Crowd.DisposeAllAsync(crowd.Connected, options.Batch);
            Console.WriteLine($"  disconnected in {closing.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>RSS as found, then (where the server lets us) after a full collection.</summary>
    private static async Task<(Sample Found, Sample? Collected)> MeasureAsync(ServerProcess server, string label, CancellationToken cancellationToken)
    {
        var found = await SampleAsync(server, 5, cancellationToken);
        Console.WriteLine($"  {label}: rss {Report.Mb(found.Rss)} (samples {string.Join(' ', found.All.Select(b => Report.Mb(b)))})");
        if (!await InducedGc.CollectAsync(server.Pid, cancellationToken))
        {
            return (found, null);
        }
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var collected = await SampleAsync(server, 3, cancellationToken);
        Console.WriteLine($"  {label}, after a full GC: rss {Report.Mb(collected.Rss)} (samples {string.Join(' ', collected.All.Select(b => Report.Mb(b)))})");
        return (found, collected);
    }

    /// <summary>Runs the --snapshot command (e.g. a heap statistics tool) against the server.</summary>
    private static async Task SnapshotAsync(Options options, ServerProcess server, string label, CancellationToken cancellationToken)
    {
        if (options.SnapshotCommand is not { } command)
        {
            return;
        }
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{command} {server.Pid} {label}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the snapshot command did not start");
        await process.WaitForExitAsync(cancellationToken);
    }

    private sealed record Sample(long Rss, long Anon, long[] All);

    /// <summary>RSS (and RssAnon, its anonymous part) sampled a second apart; the medians count.</summary>
    private static async Task<Sample> SampleAsync(ServerProcess server, int count, CancellationToken cancellationToken)
    {
        var rss = new List<long>();
        var anon = new List<long>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            rss.Add(server.StatusBytes("VmRSS") ?? throw new InvalidOperationException("cannot read the server's memory"));
            anon.Add(server.StatusBytes("RssAnon") ?? 0);
        }
        return new Sample(Median(rss), Median(anon), [.. rss]);
    }

    private static long Median(List<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>A 100-character Chinese entry, its number at the end so that every one differs.</summary>
    public static string Sentence(int k)
    {
        const string text = "各位网友大家好，欢迎收看今天的在线访谈。本期我们邀请到市数据资源局的负责同志，围绕政务数据共享开放、"
            + "一网通办改革和数字政府建设等大家关心的热点问题，与广大网友进行在线交流，欢迎大家踊跃提问，我们将逐一解答。";
        var marker = $"#{k}";
        var body = text;
        while (body.Length < 100)
        {
            body += text;
        }
        return body[..(100 - marker.Length)] + marker;
    }

    /// <summary>
    /// Delivery and latency: V viewers joined, M entries published at R per second through the staff API; every
    /// viewer should get every seq once. Latency is from just before the POST to the viewer's `entry` handler.
    /// With two instances the viewers are split between them, each half connected to its instance directly (not
    /// through nginx, whose hash would make the split uneven and add a hop the one-instance run does not have), and
    /// the entries are published on the first: half the viewers get them in-process, half through the Redis backplane.
    /// </summary>
    /// <remarks>
    /// Against the bare SSE reference (<paramref name="bare"/>) the same load runs and the figures are printed under
    /// its name, without PASS/FAIL of their own: its p99 is returned for the ratio. Returns the p99 in ms and the data
    /// of the last entry event the SSE probe saw (the bare reference's entries are made its size).
    /// </remarks>
    public static async Task<(double P99, string? EntryData)> LatencyAsync(Options options, IReadOnlyList<ServerProcess> servers, StaffClient staff, Report report,
        CancellationToken cancellationToken, bool bare = false)
    {
        var v = options.LatencyViewers;
        var m = options.Entries;
        var rate = options.Rate;
        var hubUrls = servers.Select(s => s.BaseAddress).ToArray();
        var against = bare ? "bare SSE reference" : "site";
        Console.WriteLine();
        Console.WriteLine($"== latency ({against}, {Transports.Name(options.Transport)}): {v} viewers, {m} entries at {rate:0.##}/s" +
            (servers.Count > 1 ? $", viewers split over {servers.Count} instances, entries published on A" : ""));
        var session = await staff.CreateLiveSessionAsync("压力测试：推送时延", cancellationToken);
        var groups = new List<List<ILiveViewer>>();
        for (var k = 0; k < servers.Count; k++)
        {
            var share = v / servers.Count + (k < v % servers.Count ? 1 : 0);
            var crowd = await Crowd.ConnectAsync(hubUrls[k], session, share, options, cancellationToken);
            groups.Add(crowd.Connected);
            Console.WriteLine($"  connected {crowd.Connected.Count}/{share}{(servers.Count > 1 ? $" to {Deployment.NameOf(k)}" : "")} in {crowd.Elapsed.TotalSeconds:F1} s" +
                (crowd.Failed > 0 ? $", {crowd.Failed} failed: {crowd.FirstError}" : ""));
        }
        var probe = await Transports.ProbeAsync(options.Transport, hubUrls[0], session, cancellationToken);
        var viewers = groups.SelectMany(g => g).ToList();
        try
        {

            // Warm-up, not counted: entries through the whole path (publish, fan-out, client) until the JIT has
            // compiled it properly (.NET recompiles a method optimized after ~30 calls, and a publish calls each of its
            // methods once), as on a server that has been up for a while. Its own figures are printed.
            var warmUp = new List<(int Seq, long SentAt)>();
            for (var k = 1; k <= options.WarmUp; k++)
            {
                var (seq, sentAt, _) = await staff.PublishAsync(session, Sentence(k), cancellationToken);
                warmUp.Add((seq, sentAt));
                await Task.Delay(200, cancellationToken);
            }
            if (warmUp.Count > 0)
            {
                await WaitForAsync(viewers, warmUp.Select(w => w.Seq).ToArray(), TimeSpan.FromSeconds(10), cancellationToken);
                var cold = LatenciesOf(viewers, [.. warmUp]);
                Console.WriteLine($"  warm-up: {warmUp.Count} entries at 5/s (not counted): first p99 " +
                    $"{Percentile(LatenciesOf(viewers, [warmUp[0]]), 0.99):F0}ms, all p50 {Percentile(cold, 0.5):F0}ms p99 {Percentile(cold, 0.99):F0}ms");
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }

            // The load generator's own collections would show up as latency of every viewer at once: clean up what
            // came before (the memory crowd), then keep full blocking collections out of the measured window.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var latencyMode = System.Runtime.GCSettings.LatencyMode;
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.LowLatency;
            var cpuBefore = servers.Sum(s => s.CpuSeconds() ?? 0);
            using var stalls = new StallMeter();
            var published = new ConcurrentBag<(int Seq, long SentAt, long AnsweredAt)>();
            var errors = new ConcurrentBag<string>();
            var posts = new List<Task>();
            var period = Stopwatch.Frequency / rate;
            var t0 = Stopwatch.GetTimestamp();
            TimeSpan publishing;
            int[] seqs;
            bool drained;
            try
            {
                // A steady rate: each POST leaves on time, whether or not the one before has been answered.
                for (var k = 0; k < m; k++)
                {
                    var due = t0 + (long)(k * period);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                    var number = options.WarmUp + k + 1;
                    posts.Add(Task.Run(async () =>
                    {
                        try
                        {
                            published.Add(await staff.PublishAsync(session, Sentence(number), cancellationToken));
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            errors.Add(e.Message);
                        }
                    }, cancellationToken));
                }
                await Task.WhenAll(posts);
                publishing = Stopwatch.GetElapsedTime(t0);
                seqs = published.Select(p => p.Seq).Order().ToArray();
                drained = await WaitForAsync(viewers, seqs, TimeSpan.FromSeconds(15), cancellationToken);
            }
            finally
            {
                System.Runtime.GCSettings.LatencyMode = latencyMode;
                stalls.Dispose();
            }
            var cpu = servers.Sum(s => s.CpuSeconds() ?? 0) - cpuBefore;
            Console.WriteLine($"  published {seqs.Length}/{m} in {publishing.TotalSeconds:F1} s" +
                (errors.IsEmpty ? "" : $", {errors.Count} failed: {errors.First()}") +
                $"; all delivered {(drained ? "" : "NOT ")}within 15 s after; server cpu {cpu:F1} s");

            var expected = (long)viewers.Count * seqs.Length;
            var pairs = LatenciesOf(viewers, published.Select(p => (p.Seq, p.SentAt)).ToArray());
            var duplicates = viewers.Sum(x => x.Duplicates);
            var publishedSet = seqs.Concat(warmUp.Select(w => w.Seq)).ToHashSet();
            var foreign = viewers.Sum(x => x.CountForeign(publishedSet));
            var closed = viewers.Count(x => x.Closed);
            var delivered = expected == 0 ? 0 : 100.0 * pairs.Length / expected;
            var p50 = Percentile(pairs, 0.50);
            var p90 = Percentile(pairs, 0.90);
            var p95 = Percentile(pairs, 0.95);
            var p99 = Percentile(pairs, 0.99);
            var max = pairs.Length == 0 ? double.NaN : pairs[^1];
            var post = published.Select(p => Stopwatch.GetElapsedTime(p.SentAt, p.AnsweredAt).TotalMilliseconds).Order().ToArray();

            var slowest = published
                .Select(p => (p.Seq, Post: Stopwatch.GetElapsedTime(p.SentAt, p.AnsweredAt).TotalMilliseconds,
                    Receive: LatenciesOf(viewers, [(p.Seq, p.SentAt)])))
                .OrderByDescending(p => Percentile(p.Receive, 0.99)).Take(5);
            Console.WriteLine("  slowest entries: " + string.Join("; ", slowest.Select(s =>
                $"seq {s.Seq} POST {s.Post:F0}ms receive p50 {Percentile(s.Receive, 0.5):F0}ms max {Percentile(s.Receive, 1):F0}ms")));
            Console.WriteLine("  " + stalls.Summary());
            Console.WriteLine($"  publisher: POST entries p50={Percentile(post, 0.5):F0}ms p99={Percentile(post, 0.99):F0}ms; " +
                $"viewers closed during the run: {closed}; unexpected seqs: {foreign}");
            Console.WriteLine($"{(bare ? "bare: " : "")}viewers={v} connected={viewers.Count} rate={rate:0.##}/s entries={seqs.Length} delivered={delivered:F2}% " +
                $"duplicates={duplicates} p50={p50:F0}ms p90={p90:F0}ms p95={p95:F0}ms p99={p99:F0}ms max={max:F0}ms" +
                (servers.Count > 1 ? $" instances={servers.Count}" : ""));
            if (servers.Count > 1)
            {
                var sent = published.Select(p => (p.Seq, p.SentAt)).ToArray();
                for (var k = 0; k < groups.Count; k++)
                {
                    var mine = LatenciesOf(groups[k], sent);
                    var share = groups[k].Count * (long)seqs.Length;
                    Console.WriteLine($"  viewers on {Deployment.NameOf(k)}{(k == 0 ? " (publishing instance)" : " (through Redis)")}: " +
                        $"{groups[k].Count}, delivered {(share == 0 ? 0 : 100.0 * mine.Length / share):F2}% " +
                        $"p50={Percentile(mine, 0.5):F0}ms p90={Percentile(mine, 0.9):F0}ms p95={Percentile(mine, 0.95):F0}ms p99={Percentile(mine, 0.99):F0}ms");
                }
            }

            if (bare)
            {
                probe.Print(report, judge: false);
                return (p99, probe.LastEntryData);
            }
            var full = v >= Options.LatencyTargetViewers && rate >= options.LatencyTargetRateFor;
            report.Check($"latency: {v} viewers connected", viewers.Count == v, full);
            report.Check($"latency: {delivered:F2}% delivered (every viewer every seq), all {m} published",
                pairs.Length == expected && seqs.Length == m && expected > 0, full);
            report.Check($"latency: {duplicates} duplicates", duplicates == 0 && foreign == 0, full);
            report.Check($"latency: p99 {p99:F0} ms ≤ {Options.LatencyTargetP99Ms} ms", p99 <= Options.LatencyTargetP99Ms, full);

            probe.Print(report, judge: true);
            return (p99, probe.LastEntryData);
        }
        finally
        {
            await probe.DisposeAsync();
            await Crowd.DisposeAllAsync(viewers, options.Batch);
        }
    }

    /// <summary>Waits until every viewer that is still connected has every seq; false on timeout.</summary>
    internal static async Task<bool> WaitForAsync(IReadOnlyList<ILiveViewer> viewers, int[] seqs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (viewers.All(v => v.Closed || v.CountOf(seqs) == seqs.Length))
            {
                return true;
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    /// <summary>Publish→receive latency in ms of every (viewer, entry) pair that arrived, sorted.</summary>
    private static double[] LatenciesOf(IReadOnlyList<ILiveViewer> viewers, (int Seq, long SentAt)[] sent)
    {
        var result = new List<double>(viewers.Count * sent.Length);
        foreach (var viewer in viewers)
        {
            foreach (var (seq, sentAt) in sent)
            {
                if (viewer.TryGet(seq, out var at))
                {
                    result.Add(Stopwatch.GetElapsedTime(sentAt, at).TotalMilliseconds);
                }
            }
        }
        result.Sort();
        return [.. result];
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
