using System.Diagnostics;

namespace Interview.Bench;

/// <summary>
/// Issue 15's restart drill: N viewers on the event stream, entries published (one corrected), kill -9 of the server,
/// the server started again on the same data folder and port (as systemd would). Measured: how long until every
/// viewer's stream is open again (from the kill, and from the moment the new server answers); then a correction and
/// more entries after the restart. Every viewer must hold every entry exactly once and each correction once more:
/// nothing missing, nothing twice (a viewer that came back with Last-Event-ID must not be sent what it had).
/// </summary>
internal static class RestartScenario
{
    private const int Before = 10;
    private const int After = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(Options options, Deployment deployment, StaffClient staff, string email, string password,
        Report report, CancellationToken cancellationToken)
    {
        var n = options.RestartViewerCount;
        Console.WriteLine();
        Console.WriteLine($"== restart: {n} viewers on the event stream, {Before} entries, kill -9 of the server, started again, {After} more");
        var session = await staff.CreateLiveSessionAsync("压力测试：服务器重启", cancellationToken);
        var crowd = await Crowd.ConnectAsync(deployment.First.BaseAddress, session, n, options, cancellationToken);
        Console.WriteLine($"  connected {crowd.Connected.Count}/{n} in {crowd.Elapsed.TotalSeconds:F1} s" +
            (crowd.Failed > 0 ? $", {crowd.Failed} failed: {crowd.FirstError}" : ""));
        var viewers = crowd.Connected.Cast<SseViewer>().ToList();
        var expected = new Dictionary<int, int>();
        try
        {
            for (var k = 1; k <= Before; k++)
            {
                var (seq, _, _) = await staff.PublishAsync(session, Scenarios.Sentence(k), cancellationToken);
                expected[seq] = 1;
                await Task.Delay(TimeSpan.FromSeconds(1 / options.Rate), cancellationToken);
            }
            var first = expected.Keys.Min();
            await staff.CorrectAsync(session, first, Scenarios.Sentence(1000), cancellationToken);
            expected[first]++;
            if (!await UntilAsync(viewers, expected, TimeSpan.FromSeconds(30), cancellationToken))
            {
                throw new InvalidOperationException($"the viewers did not get the first {Before} entries and the correction before the kill");
            }
            Console.WriteLine($"  {Before} entries and a correction of seq {first} delivered to all; kill -9 of pid {deployment.First.Pid}");

            var killedAt = Stopwatch.GetTimestamp();
            var server = await deployment.CrashAndRestartFirstAsync();
            Console.WriteLine($"  started again: pid {server.Pid}, same port and data folder");
            await server.WaitReadyAsync(TimeSpan.FromSeconds(180), cancellationToken);
            var readyAt = Stopwatch.GetTimestamp();
            Console.WriteLine($"  the new server answers {Stopwatch.GetElapsedTime(killedAt, readyAt).TotalSeconds:F1} s after the kill");

            var clock = Stopwatch.StartNew();
            while (!viewers.All(v => !v.Closed && v.ConnectedAt > killedAt) && clock.Elapsed < Patience)
            {
                await Task.Delay(100, cancellationToken);
            }
            var back = viewers.Count(v => !v.Closed && v.ConnectedAt > killedAt);
            var lastBack = viewers.Where(v => v.ConnectedAt > killedAt).Select(v => v.ConnectedAt).DefaultIfEmpty(killedAt).Max();
            var fromKill = Stopwatch.GetElapsedTime(killedAt, lastBack);
            var fromReady = Stopwatch.GetElapsedTime(readyAt, lastBack);
            Console.WriteLine($"  back: {back}/{viewers.Count}, the last {fromKill.TotalSeconds:F1} s after the kill " +
                $"({fromReady.TotalSeconds:F1} s after the server answered); failed reconnection attempts: " +
                $"{viewers.Sum(v => v.FailedAttempts)}");

            // A session token may not survive the restart: sign in again, as a typist's console would.
            using var after = new StaffClient(server.BaseAddress);
            await after.LoginAsync(email, password, cancellationToken);
            var second = expected.Keys.Order().Skip(1).First();
            await after.CorrectAsync(session, second, Scenarios.Sentence(1001), cancellationToken);
            expected[second]++;
            for (var k = Before + 1; k <= Before + After; k++)
            {
                var (seq, _, _) = await after.PublishAsync(session, Scenarios.Sentence(k), cancellationToken);
                expected[seq] = 1;
                await Task.Delay(TimeSpan.FromSeconds(1 / options.Rate), cancellationToken);
            }
            var complete = await UntilAsync(viewers, expected, TimeSpan.FromSeconds(30), cancellationToken);

            var missing = 0L;
            var twice = 0L;
            foreach (var viewer in viewers)
            {
                foreach (var (seq, count) in expected)
                {
                    var got = viewer.CountFor(seq);
                    missing += got < count ? 1 : 0;
                    twice += got > count ? 1 : 0;
                }
            }
            var published = expected.Keys.ToHashSet();
            var foreign = viewers.Sum(v => v.CountForeign(published));
            Console.WriteLine($"restart: viewers={n} connected={viewers.Count} back={back} back_after_kill={fromKill.TotalSeconds:F1}s " +
                $"back_after_ready={fromReady.TotalSeconds:F1}s entries={expected.Count} corrections=2 " +
                $"missing={missing} twice={twice} foreign={foreign} complete={(complete ? "yes" : "no")}");

            var full = n >= Options.RestartViewers;
            report.Check($"restart: {back}/{n} viewers back {fromKill.TotalSeconds:F1} s after the kill ≤ {Options.RestartTargetBack.TotalSeconds:0} s",
                back == n && viewers.Count == n && fromKill <= Options.RestartTargetBack, full);
            report.Check($"restart: every viewer has every entry before and after once, each correction once ({missing} missing, {twice} twice)",
                missing == 0 && twice == 0 && foreign == 0 && viewers.Count == n, full);
        }
        finally
        {
            await Crowd.DisposeAllAsync(crowd.Connected, options.Batch);
        }
    }

    /// <summary>Until every viewer has every expected seq as often as expected (a correction: twice); false on timeout.</summary>
    private static async Task<bool> UntilAsync(List<SseViewer> viewers, Dictionary<int, int> expected, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (viewers.All(v => expected.All(e => v.CountFor(e.Key) >= e.Value)))
            {
                return true;
            }
            await Task.Delay(200, cancellationToken);
        }
        return false;
    }
}
