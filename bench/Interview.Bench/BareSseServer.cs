using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Interview.Bench;

/// <summary>
/// The bare SSE reference (issue 15): Kestrel and an in-memory fan-out, nothing else: no database, no sessions, no
/// history, no per-viewer bookkeeping beyond the response being written. It runs as its own process
/// (<c>Interview.Bench.dll bare-sse-server --urls URL</c>, started by <see cref="ServerProcess.StartBareSse"/>), so its
/// memory and latency are measured as the site's are, and it answers the few staff API calls the latency scenario
/// makes (sign in, open a session, publish) so that the same scenario runs against both. A published entry goes out
/// as an `entry` event of the same shape (and, for the same markdown, about the same size) as the site's.
/// </summary>
internal static partial class BareSseServer
{
    public const string Command = "bare-sse-server";

    /// <summary>The data of one of the site's entry events: entries are sent as copies of it with their own seq.</summary>
    public const string EntryTemplateVariable = "BENCH_BARE_SSE_ENTRY";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fanout = new Fanout(Environment.GetEnvironmentVariable(EntryTemplateVariable));
        app.MapGet("/", () => "bare SSE reference");
        app.MapPost("/api/v1/auth/login", () => Results.Ok(new { accessToken = "bare" }));
        app.MapPost("/api/v1/interviews", () => Results.Ok(new { id = 1 }));
        app.MapPost("/api/v1/interviews/{id:int}/transitions", () => Results.Ok(new { }));
        app.MapPost("/api/v1/interviews/{id:int}/entries", (int id, PublishBody body) =>
        {
            var seq = fanout.Publish(id, body.Markdown ?? "");
            return Results.Created($"/api/v1/interviews/{id}/entries/{seq}", new { seq });
        });
        app.MapGet("/api/v1/interviews/{id:int}/events", (HttpContext http) => fanout.ListenAsync(http));
        await app.RunAsync();
        return 0;
    }

    private sealed record PublishBody(string? Kind, string? Markdown);

    /// <summary>Every open stream; one task writes each frame to all of them, serialized once.</summary>
    private sealed partial class Fanout
    {
        private readonly string? _template;
        private readonly Lock _gate = new();
        private readonly List<PipeWriter> _listeners = [];
        private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new() { SingleReader = true });
        private int _seq;

        public Fanout(string? template)
        {
            _template = template;
            _ = Task.Run(BroadcastAsync);
            // One timer for all: a keep-alive comment every 15 s, as a real stream sends through proxies.
            _ = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
                while (await timer.WaitForNextTickAsync())
                {
                    _frames.Writer.TryWrite(":\n\n"u8.ToArray());
                }
            });
        }

        public int Publish(int interviewId, string markdown)
        {
            var seq = Interlocked.Increment(ref _seq);
            var entry = _template is not null
                ? SeqField().Replace(_template, $"\"seq\":{seq.ToString(CultureInfo.InvariantCulture)}", 1)
                : JsonSerializer.Serialize(new
            {
                seq,
                kind = "host",
                speaker = "主持人",
                html = $"<p>{System.Net.WebUtility.HtmlEncode(markdown)}</p>",
                publishedAt = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                url = $"/interviews/{interviewId}#e{seq}",
            }, Json);
            _frames.Writer.TryWrite(Encoding.UTF8.GetBytes($"id: {seq}\nevent: entry\ndata: {entry}\n\n"));
            return seq;
        }

        [GeneratedRegex("\"seq\":\\d+")]
        private static partial Regex SeqField();

        public async Task ListenAsync(HttpContext http)
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.StartAsync(http.RequestAborted);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
            var writer = http.Response.BodyWriter;
            lock (_gate)
            {
                _listeners.Add(writer);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                lock (_gate)
                {
                    _listeners.Remove(writer);
                }
            }
        }

        private async Task BroadcastAsync()
        {
            var pending = new List<Task>();
            await foreach (var frame in _frames.Reader.ReadAllAsync())
            {
                PipeWriter[] listeners;
                lock (_gate)
                {
                    listeners = [.. _listeners];
                }
                foreach (var writer in listeners)
                {
                    try
                    {
                        writer.Write(frame);
                        var flush = writer.FlushAsync();
                        if (!flush.IsCompletedSuccessfully)
                        {
                            pending.Add(flush.AsTask());
                        }
                    }
                    catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException)
                    {
                        // The viewer went away between the snapshot and the write: its request ends on its own.
                    }
                }
                // A slow viewer holds up the next frame, not the others' copy of this one.
                if (pending.Count > 0)
                {
                    try
                    {
                        await Task.WhenAll(pending);
                    }
                    catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
                    {
                    }
                    pending.Clear();
                }
            }
        }
    }
}
