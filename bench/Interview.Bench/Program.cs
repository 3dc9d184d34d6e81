using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Interview.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The bare SSE reference is this program too, started by the benchmark as a server process of its own.
if (args.Length > 0 && args[0] == BareSseServer.Command)
{
    return await BareSseServer.RunAsync(args[1..]);
}

Options options;
try
{
    options = Options.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(Options.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

// Ctrl+C, SIGTERM, SIGQUIT: stop gracefully (the finally below stops every server started and deletes their folders).
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine("interrupted: stopping the server and cleaning up");
    cancel.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);

// Each viewer's connection is an open file here and in the server (which inherits this limit).
// The questions scenario: one connection per citizen address (rate × 15 of them) plus the console's.
var needed = options.Scenario == Scenario.Questions
    ? (int)(options.QuestionsPerSecond * 15) + 562
    : options.Scenario == Scenario.Failover ? options.FailoverViewerCount + 512
    : options.Scenario == Scenario.Restart ? options.RestartViewerCount + 512
    : Math.Max(options.Scenario == Scenario.Latency ? 0 : options.MemoryViewers,
        options.Scenario == Scenario.Memory ? 0 : options.LatencyViewers) + 512;
Console.WriteLine($"machine: {Report.Machine()}");
if (Report.LoadAverage() is { } busy && busy > Environment.ProcessorCount)
{
    Console.WriteLine($"warning: the machine is busy before the start (load {busy:F1} on {Environment.ProcessorCount} cores): latency figures will suffer");
}
var fileLimit = Report.OpenFileLimit();
Console.WriteLine($"open-file limit: {(fileLimit?.ToString(CultureInfo.InvariantCulture) ?? "unknown")} (needs ≥ {needed})");
if (fileLimit is { } limit && limit < needed)
{
    Console.Error.WriteLine($"the open-file limit {limit} is too low for this many viewers: run `ulimit -n {needed}` first (bench/live.sh does)");
    return 2;
}
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

var report = new Report();
var deployment = new Deployment();
var killOnExit = new EventHandler((_, _) => deployment.KillNow());
AppDomain.CurrentDomain.ProcessExit += killOnExit;
try
{
    var repo = ServerProcess.FindRepository(options.Repo);
    string dll;
    if (options.Reference)
    {
        dll = "";
    }
    else if (options.ServerDll is not null)
    {
        dll = Path.GetFullPath(options.ServerDll);
    }
    else if (options.Build)
    {
        Console.WriteLine("building Interview.Web (Release) …");
        dll = await ServerProcess.BuildAsync(repo, cancel.Token);
    }
    else
    {
        dll = ServerProcess.DllPath(repo);
    }
    if (!options.Reference && !File.Exists(dll))
    {
        throw new InvalidOperationException($"{dll} does not exist (build it, or drop --no-build)");
    }

    const string email = "bench@example.gov.cn";
    var password = $"Bench-{Guid.NewGuid():N}-Aa1";
    ServerProcess server;
    if (options.Reference)
    {
        // --reference: the scenarios against the bare SSE reference alone (what a connection costs with nothing behind it).
        Console.WriteLine("deployment: the bare SSE reference alone");
        server = await deployment.StartBareSseAsync(options, cancel.Token);
    }
    else
    {
        Console.WriteLine($"deployment: {options.Instances} instance{(options.Instances > 1 ? "s" : "")} on {options.Provider.ToString().ToLowerInvariant()}" +
            (options.Instances > 1 ? ", redis, nginx" : ""));
        await deployment.StartAsync(options, dll, repo, email, password, cancel.Token);
        server = deployment.First;
    }

    using var staff = new StaffClient(server.BaseAddress);
    await staff.LoginAsync(email, password, cancel.Token);
    Console.WriteLine($"viewers: {Transports.Name(options.Transport)}");

    if (options.Scenario is Scenario.All or Scenario.Memory)
    {
        await Scenarios.MemoryAsync(options, server, staff, report, cancel.Token);
    }
    if (options.Scenario is Scenario.All or Scenario.Latency)
    {
        var (p99, entryData) = await Scenarios.LatencyAsync(options, options.Reference ? [server] : deployment.Servers, staff, report, cancel.Token,
            bare: options.Reference);
        if (options.Transport == Transport.Sse && options.Instances == 1 && !options.Reference)
        {
            // The same load against an event stream with nothing behind it: what the site adds is the ratio.
            var bare = await deployment.StartBareSseAsync(options, cancel.Token, entryData);
            using var bareStaff = new StaffClient(bare.BaseAddress);
            await bareStaff.LoginAsync(email, password, cancel.Token);
            var (bareP99, _) = await Scenarios.LatencyAsync(options, [bare], bareStaff, report, cancel.Token, bare: true);
            var ratio = p99 / bareP99;
            Console.WriteLine($"latency ratio: site p99 {p99:F0} ms / bare SSE p99 {bareP99:F0} ms = {ratio:F2}");
            report.Check($"latency: p99 {ratio:F2}× the bare SSE reference ≤ {Options.SseTargetP99Ratio}",
                ratio <= Options.SseTargetP99Ratio,
                options.LatencyViewers >= Options.LatencyTargetViewers && options.Rate >= Options.SseLatencyTargetRate);
        }
    }
    if (options.Scenario is Scenario.Restart)
    {
        await RestartScenario.RunAsync(options, deployment, staff, email, password, report, cancel.Token);
    }
    if (options.Scenario is Scenario.Questions)
    {
        options.ConsoleEmail = email;
        options.ConsolePassword = password;
        await QuestionScenario.RunAsync(options, server, staff, report, cancel.Token);
    }
    if (options.Scenario is Scenario.Failover)
    {
        await FailoverScenario.RunAsync(options, deployment, email, password, report, cancel.Token);
    }
    Console.WriteLine($"machine at the end: {Report.Machine()}");
    deployment.PrintLogs();
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    report.Interrupted = true;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    report.Failed = true;
}
finally
{
    await deployment.DisposeAsync();
    AppDomain.CurrentDomain.ProcessExit -= killOnExit;
}
return report.Summarize();
