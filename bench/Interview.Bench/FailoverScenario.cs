using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Interview.Bench;

/// <summary>
/// Issue 11's failover: N viewers follow a live session through nginx (all from one address, so nginx's consistent
/// hash keeps them on one instance), entries are published at R per second on the other instance, and the viewers'
/// instance is killed with SIGKILL. Measured: how long until every viewer has reconnected (through nginx, to the
/// survivor) and joined again; how long until every viewer holds every entry published up to the moment the last one
/// came back; and, after publishing has gone on for a while on the survivor, how many entries any viewer lacks.
/// </summary>
internal static partial class FailoverScenario
{
    /// <summary>Entries published (and received by everyone) before the kill, and after everyone is back.</summary>
    private const int Before = 10;
    private const int After = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(Options options, Deployment deployment, string email, string password, Report report,
        CancellationToken cancellationToken)
    {
        var n = options.FailoverViewerCount;
        var rate = options.Rate;
        var nginx = deployment.Nginx ?? throw new InvalidOperationException("failover needs --instances 2 (nginx)");
        Console.WriteLine();
        Console.WriteLine($"== failover: {n} viewers through nginx, entries at {rate:0.##}/s on the other instance, kill -9 of the viewers' instance");
        using var setup = new StaffClient(deployment.First.BaseAddress);
        await setup.LoginAsync(email, password, cancellationToken);
        var session = await setup.CreateLiveSessionAsync("压力测试：一台服务器突然停机", cancellationToken);

        var hubUrl = new Uri(nginx.Address, "hubs/live");
        var viewers = new List<ReturningViewer>();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        string? firstError = null;
        foreach (var batch in Enumerable.Range(0, n).Chunk(options.Batch))
        {
            var connecting = batch.Select(async _ =>
            {
                var viewer = new ReturningViewer(hubUrl, session);
                try
                {
                    await viewer.ConnectAsync(cancellationToken);
                    return viewer;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                    await viewer.DisposeAsync();
                    return null;
                }
            }).ToArray();
            viewers.AddRange((await Task.WhenAll(connecting)).OfType<ReturningViewer>());
        }
        Console.WriteLine($"  connected {viewers.Count}/{n} through {nginx.Address} in {clock.Elapsed.TotalSeconds:F1} s" +
            (failed > 0 ? $", {failed} failed: {firstError}" : ""));
        var publishing = new CancellationTokenSource();
        var published = new ConcurrentDictionary<int, long>();
        var postErrors = new ConcurrentBag<string>();
        Task? publisher = null;
        try
        {
            // nginx hashes the client's address for /hubs/: all of them on one instance. Which one, the instances say.
            var watched = await InstanceOfAsync(deployment.Servers, viewers.Count, cancellationToken);
            var other = 1 - watched;
            Console.WriteLine($"  viewers on {Deployment.NameOf(watched)} (interview_live_connections = {viewers.Count}); " +
                $"publishing on {Deployment.NameOf(other)}");
            using var staff = new StaffClient(deployment.Servers[other].BaseAddress);
            await staff.LoginAsync(email, password, cancellationToken);

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, publishing.Token);
            publisher = PublishAsync(staff, session, rate, published, postErrors, linked.Token);

            if (!await UntilAsync(() => published.Count >= Before && viewers.All(v => v.Contiguous >= Before), TimeSpan.FromSeconds(60), cancellationToken))
            {
                throw new InvalidOperationException($"the viewers did not get the first {Before} entries before the kill");
            }

            var killedAt = Stopwatch.GetTimestamp();
            deployment.Servers[watched].KillNow();
            Console.WriteLine($"  kill -9 {Deployment.NameOf(watched)} after {published.Count} entries");

            var allBack = await UntilAsync(() => viewers.All(v => v.BackAt is not null), Patience, cancellationToken);
            var backAt = Stopwatch.GetTimestamp();
            var target = published.IsEmpty ? 0 : published.Keys.Max();
            var caughtUp = allBack && await UntilAsync(() => viewers.All(v => v.Contiguous >= target), Patience, cancellationToken);
            var caughtUpAt = Stopwatch.GetTimestamp();

            // Publishing goes on on the survivor, now the viewers' instance too; then it stops and everyone drains.
            var goOnUntil = published.Count + After;
            await UntilAsync(() => published.Count >= goOnUntil, TimeSpan.FromSeconds(After / rate + 30), cancellationToken);
            await publishing.CancelAsync();
            await publisher;
            var seqs = published.Keys.Order().ToArray();
            await UntilAsync(() => viewers.All(v => v.MissingOf(seqs) == 0), TimeSpan.FromSeconds(30), cancellationToken);

            var back = viewers.Where(v => v.BackAt is not null)
                .Select(v => Stopwatch.GetElapsedTime(killedAt, v.BackAt!.Value).TotalSeconds).Order().ToArray();
            var lost = viewers.Sum(v => (long)v.MissingOf(seqs));
            var viewersMissing = viewers.Count(v => v.MissingOf(seqs) > 0);
            var gapFree = seqs.Length > 0 && seqs[0] == 1 && seqs[^1] == seqs.Length;
            var sawTheKill = viewers.Count(v => v.LostAt is not null);
            var duplicates = viewers.Sum(v => v.Duplicates);
            var survivor = await LiveConnectionsAsync(deployment.Servers[other], cancellationToken);
            double Seconds(long at) => Stopwatch.GetElapsedTime(killedAt, at).TotalSeconds;

            Console.WriteLine($"  viewers that lost their connection: {sawTheKill}/{viewers.Count}; back (reconnected and joined again): " +
                $"{back.Length}/{viewers.Count}, after p50 {Pct(back, 0.5):F1} s, p99 {Pct(back, 0.99):F1} s, last {Pct(back, 1):F1} s");
            Console.WriteLine($"  every viewer holds every entry up to seq {target} (published when the last came back): " +
                (caughtUp ? $"{Seconds(caughtUpAt):F1} s after the kill" : "NOT within the patience"));
            Console.WriteLine($"  published {seqs.Length} entries on {Deployment.NameOf(other)} (seqs gap-free: {gapFree}), " +
                $"{postErrors.Count} POSTs failed{(postErrors.IsEmpty ? "" : ": " + postErrors.First())}; " +
                $"entry messages repeated: {duplicates}; {Deployment.NameOf(other)} now holds {survivor} live connections");
            Console.WriteLine($"failover: viewers={viewers.Count} reconnected_s={(allBack ? Seconds(backAt) : double.NaN):F1} " +
                $"caught_up_s={(caughtUp ? Seconds(caughtUpAt) : double.NaN):F1} entries={seqs.Length} lost={lost} " +
                $"viewers_missing={viewersMissing} repeated={duplicates}");

            var full = n >= Options.FailoverViewers;
            report.Check($"failover: {viewers.Count}/{n} viewers connected through nginx", viewers.Count == n, full);
            report.Check($"failover: every viewer reconnected after kill -9 ({back.Length}/{viewers.Count}" +
                (allBack ? $", within {Seconds(backAt):F1} s)" : ")"), allBack && sawTheKill == viewers.Count, full);
            report.Check($"failover: {lost} entries lost ({viewersMissing} viewers missing any; every viewer every one of {seqs.Length} seqs)",
                lost == 0 && gapFree && caughtUp, full);
            report.Check($"failover: publishing went on on {Deployment.NameOf(other)} ({postErrors.Count} failed)", postErrors.IsEmpty, full);
        }
        finally
        {
            await publishing.CancelAsync();
            if (publisher is not null)
            {
                try
                {
                    await publisher;
                }
                catch (OperationCanceledException)
                {
                }
            }
            publishing.Dispose();
            await Task.WhenAll(viewers.Select(v => v.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Publishes at a steady rate until stopped, each POST on time (open loop); notes each seq.</summary>
    private static async Task PublishAsync(StaffClient staff, int session, double rate, ConcurrentDictionary<int, long> published,
        ConcurrentBag<string> errors, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / rate);
        var posts = new List<Task>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var k = 0; ; k++)
            {
                var wait = period * k - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }
                var number = k + 1;
                posts.Add(Task.Run(async () =>
                {
                    try
                    {
                        var (seq, _, answeredAt) = await staff.PublishAsync(session, Scenarios.Sentence(number), CancellationToken.None);
                        published[seq] = answeredAt;
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                    {
                        errors.Add(e.Message);
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the POSTs already sent finish.
        }
        await Task.WhenAll(posts);
    }

    /// <summary>The index of the instance holding all <paramref name="viewers"/> live connections.</summary>
    private static async Task<int> InstanceOfAsync(IReadOnlyList<ServerProcess> servers, int viewers, CancellationToken cancellationToken)
    {
        var counts = new int[servers.Count];
        var found = await UntilAsync(async () =>
        {
            for (var i = 0; i < servers.Count; i++)
            {
                counts[i] = await LiveConnectionsAsync(servers[i], cancellationToken);
            }
            return counts.Sum() == viewers && counts.Contains(viewers);
        }, TimeSpan.FromSeconds(60), cancellationToken);
        return found
            ? Array.IndexOf(counts, viewers)
            : throw new InvalidOperationException($"the viewers are not all on one instance: interview_live_connections {string.Join(", ", counts)}");
    }

    /// <summary>interview_live_connections from the instance's /metrics (readable from loopback).</summary>
    private static async Task<int> LiveConnectionsAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
        var match = LiveConnections().Match(text);
        return match.Success ? (int)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, cancellationToken);

    /// <summary>Polls every 50 ms: true as soon as the condition holds, false after <paramref name="timeout"/>.</summary>
    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(50, cancellationToken);
        }
        return true;
    }

    private static double Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"^interview_live_connections ([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex LiveConnections();
}
