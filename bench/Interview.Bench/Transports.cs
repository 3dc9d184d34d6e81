using System.Globalization;

namespace Interview.Bench;

/// <summary>A viewer that looks at the bytes of every entry as they cross the wire, and prints what it saw.</summary>
internal interface IEntryProbe : IAsyncDisposable
{
    /// <summary>Prints the bytes per entry and the viewers an uplink carries; with <paramref name="judge"/>, PASS/FAIL.</summary>
    void Print(Report report, bool judge);

    /// <summary>The data of the last entry event seen (the SSE probe's; the bare reference sends its like).</summary>
    string? LastEntryData => null;
}

/// <summary>What differs between the event stream and the hub where the scenarios meet them.</summary>
internal static class Transports
{
    public static string Name(Transport transport) => transport == Transport.Sse ? "event stream" : "SignalR hub";

    public static async Task<IEntryProbe> ProbeAsync(Transport transport, Uri baseAddress, int interviewId, CancellationToken cancellationToken) =>
        transport == Transport.Sse
            ? await SseProbe.ConnectAsync(baseAddress, interviewId, cancellationToken)
            : await WireProbe.ConnectAsync(new Uri(baseAddress, "hubs/live"), interviewId, cancellationToken);

    /// <summary>
    /// The viewers a district portal's 2 Mbit/s uplink (250,000 B/s) carries at one entry every 10 s, from the bytes
    /// one entry costs per viewer (TCP/IP headers left out, as they are for both transports).
    /// </summary>
    public static double UplinkViewers(int bytesPerEntry) =>
        Options.UplinkBytesPerSecond * Options.UplinkEntrySeconds / bytesPerEntry;

    public static void PrintUplink(int bytesPerEntry) =>
        Console.WriteLine($"uplink: a 2 Mbit/s link (250,000 B/s) at one entry per {Options.UplinkEntrySeconds:0} s carries " +
            $"{UplinkViewers(bytesPerEntry).ToString("F0", CultureInfo.InvariantCulture)} viewers ({bytesPerEntry} B per entry per viewer)");
}

/// <summary>
/// The event stream's probe: one <see cref="SseViewer"/> that notes every entry event's bytes on the wire, the HTTP
/// chunk framing included (the chunk size line and CRLF; TCP/IP headers not).
/// </summary>
internal sealed class SseProbe : IEntryProbe
{
    private readonly SseViewer _viewer;

    private SseProbe(SseViewer viewer) => _viewer = viewer;

    public static async Task<SseProbe> ConnectAsync(Uri baseAddress, int interviewId, CancellationToken cancellationToken)
    {
        var viewer = new SseViewer(SseViewer.StreamUrl(baseAddress, interviewId), 0, likeBrowser: true, recordWire: true);
        await viewer.ConnectAsync(cancellationToken);
        return new SseProbe(viewer);
    }

    public void Print(Report report, bool judge)
    {
        var wire = _viewer.WireSizes;
        if (wire.Count == 0)
        {
            Console.WriteLine("wire: the probe saw no entry event");
            return;
        }
        var sizes = wire.Select(w => w.Wire).Order().ToArray();
        var sample = wire[^1];
        var mean = wire.Average(w => w.Wire);
        Console.WriteLine($"wire: entry event {sizes[sizes.Length / 2]} bytes median, {mean:F1} mean, largest {sizes[^1]} " +
            $"(data {sample.Data} bytes; the rest is id:/event:/data: lines and the chunk framing)");
        Console.WriteLine($"  sample data: {sample.Sample}");
        Transports.PrintUplink(sizes[^1]);
        if (judge)
        {
            report.Check($"wire: a 100-character entry is {sizes[^1]} bytes on the wire ≤ {Options.SseTargetEntryBytes} B " +
                $"(a 2 Mbit/s uplink carries {Transports.UplinkViewers(sizes[^1]):F0} viewers at one entry per 10 s)",
                sizes[^1] <= Options.SseTargetEntryBytes, true);
        }
    }

    public string? LastEntryData => _viewer.WireSizes is { Count: > 0 } wire ? wire[^1].Sample : null;

    public ValueTask DisposeAsync() => _viewer.DisposeAsync();
}
