using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Interview.Bench;

/// <summary>
/// Issue 5's intake benchmark: citizens submit questions at a fixed rate (open loop: each request is sent at its
/// scheduled time whether or not earlier ones were answered, so a stall shows up as latency rather than as a lower
/// rate) while a moderator has the moderation console open in a real browser. Each citizen is a distinct loopback
/// address (127.1.x.y), so the server's per-client limits apply as they would to real people.
/// </summary>
internal static class QuestionScenario
{
    private const string Vocabulary = "社区医院能不能开长处方老人接种流感疫苗要预约吗孩子上学的医保怎么办理异地就医备案需要哪些材料公交线路什么时候调整";

    public static async Task RunAsync(Options options, ServerProcess server, StaffClient staff, Report report, CancellationToken cancel)
    {
        var interviewId = await staff.CreateLiveSessionAsync("提问压力测试", cancel);
        var rate = options.QuestionsPerSecond;
        var total = (int)(rate * options.Seconds);
        // Enough citizens that none of them reaches the per-client limit (5 a minute by default) at this rate.
        var citizens = Math.Max(100, (int)Math.Ceiling(rate * 60 / 4.0));
        Console.WriteLine($"questions: {rate}/s for {options.Seconds} s = {total} questions from {citizens} client addresses, session {interviewId}");

        await using var console = options.OpenConsole ? await ModerationConsole.OpenAsync(server.BaseAddress, options.ConsoleEmail, options.ConsolePassword, interviewId, cancel) : null;
        Console.WriteLine(console is null ? "console: not opened (--no-console)" : $"console: open in headless Chromium at {console.Url}");

        var pool = new CitizenPool(server.BaseAddress, citizens);
        try
        {
            // Warm-up: JIT and connection set-up, from addresses the measured run does not use, not counted.
            Console.WriteLine("warm-up: 200 questions");
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => pool.AskAsync(citizens + i % 50, interviewId, Text(i), cancel)));

            var results = new (HttpStatusCode Status, double Milliseconds)[total];
            var tasks = new Task[total];
            var clock = Stopwatch.StartNew();
            var startCpu = server.CpuSeconds();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancel);
                }
                var index = i;
                var scheduled = due;
                tasks[i] = Task.Run(async () =>
                {
                    var status = await pool.AskAsync(index % citizens, interviewId, Text(index), cancel);
                    // Latency from the scheduled send time: a late send counts against the server, not for it.
                    results[index] = (status, (clock.Elapsed - scheduled).TotalMilliseconds);
                }, cancel);
            }
            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = server.CpuSeconds() - startCpu;

            var accepted = results.Count(r => r.Status == HttpStatusCode.Accepted);
            var byStatus = string.Join(", ", results.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            var latencies = results.Select(r => r.Milliseconds).Order().ToArray();
            double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
            Console.WriteLine($"questions: {accepted}/{total} accepted in {elapsed:F1} s ({accepted / elapsed:F0}/s); statuses {byStatus}");
            Console.WriteLine($"acknowledgement: p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms");
            Console.WriteLine($"server: cpu {cpu:F1} s over {elapsed:F1} s, rss {Report.Mb(server.StatusBytes("VmRSS"))}");

            var locked = server.DatabaseLockedCount();
            Console.WriteLine($"server log: 'database is locked' {locked} times");
            var atTarget = rate >= 200 && options.Seconds >= 60;
            report.Check($"{rate}/s for {options.Seconds} s: every question accepted ({accepted}/{total})", accepted == total, atTarget);
            report.Check($"acknowledgement p99 {P(0.99):F1} ms ≤ 50 ms", P(0.99) <= 50, atTarget);
            report.Check($"no 'database is locked' reached anyone (server log {locked}, 5xx {results.Count(r => (int)r.Status >= 500)})",
                locked == 0 && results.All(r => (int)r.Status < 500), atTarget);

            if (console is not null)
            {
                // The console kept up: it shows every question submitted (warm-up included) as pending.
                var expected = total + 200;
                var shown = await console.PendingCountAsync(expected, TimeSpan.FromSeconds(10));
                Console.WriteLine($"console: shows {shown} pending (expected {expected}); page errors {console.Errors}");
                report.Check($"the open console shows all {expected} pending questions within 10 s of the last ({shown})", shown == expected, atTarget);
            }
        }
        finally
        {
            pool.Dispose();
        }
    }

    private static string Text(int i) =>
        string.Concat(Enumerable.Range(0, 20 + i % 40).Select(k => Vocabulary[(i * 7 + k * 13) % Vocabulary.Length])) + $"（{i}）";

    /// <summary>One HttpClient per citizen, each connecting from its own loopback address.</summary>
    private sealed class CitizenPool : IDisposable
    {
        private readonly HttpClient[] _clients;

        public CitizenPool(Uri baseAddress, int citizens)
        {
            // Room for the warm-up's extra 50 addresses.
            _clients = Enumerable.Range(0, citizens + 50).Select(i =>
            {
                var local = new IPAddress([127, 1, (byte)(i / 250), (byte)(i % 250 + 1)]);
                var handler = new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = 1,
                    ConnectCallback = async (context, token) =>
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            socket.Bind(new IPEndPoint(local, 0));
                            await socket.ConnectAsync(context.DnsEndPoint, token);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                };
                return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            }).ToArray();
        }

        public async Task<HttpStatusCode> AskAsync(int citizen, int interviewId, string text, CancellationToken cancel)
        {
            try
            {
                using var response = await _clients[citizen].PostAsJsonAsync(
                    $"api/v1/interviews/{interviewId.ToString(CultureInfo.InvariantCulture)}/questions",
                    new { nickname = $"网友{citizen}", text }, cancel);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }

        public void Dispose()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }
}
