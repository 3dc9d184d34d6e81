using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace Interview.Web.Live;

/// <summary>
/// One open stream: a small bounded queue of shared frames and the cursor this viewer has reached. Nothing else is kept
/// per viewer (no timer, no JSON, no buffer of its own): a viewer too slow to take <see cref="QueueLength"/> frames is
/// closed, and its browser resumes from its last cursor (Last-Event-ID), which is exactly what the cursor is for.
/// </summary>
public sealed class StreamViewer
{
    /// <summary>Frames a viewer may fall behind by before it is closed (a burst of entries, a keep-alive, a floor).</summary>
    public const int QueueLength = 64;

    private readonly Channel<StreamFrame> _frames = Channel.CreateBounded<StreamFrame>(
        new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public StreamViewer(int cursor) => Cursor = cursor;

    /// <summary>The last change this viewer was sent (the catch-up's, then each entry's).</summary>
    public int Cursor { get; private set; }

    /// <summary>Queues a frame without waiting; a full queue closes the viewer (it resumes by its cursor).</summary>
    public void Offer(StreamFrame frame)
    {
        if (!_frames.Writer.TryWrite(frame) && !frame.IsKeepAlive)
        {
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>Ends the stream (the session's audience is closing, or the server stops).</summary>
    public void Close() => _frames.Writer.TryComplete();

    /// <summary>Writes frames as they come, every frame waiting at that moment in one flush, until closed or gone.</summary>
    public async Task PumpAsync(PipeWriter body, CancellationToken aborted)
    {
        var reader = _frames.Reader;
        try
        {
            while (await reader.WaitToReadAsync(aborted))
            {
                while (reader.TryRead(out var frame))
                {
                    if (!Write(body, frame))
                    {
                        // A change went by unseen (announcements crossed): end here, the client resumes from its cursor.
                        return;
                    }
                }
                var flushed = await body.FlushAsync(aborted);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Writes the catch-up's entry frame (already past its cursor) and moves the cursor.</summary>
    public void WriteCaughtUp(PipeWriter body, StreamFrame frame)
    {
        body.Write(frame.Bytes);
        Cursor = frame.Change;
    }

    /// <summary>
    /// After the catch-up: the viewer has everything up to the session's last change as read (the catch-up's last entry
    /// may be older when later changes rewrote entries it does not hold anyway).
    /// </summary>
    public void MoveTo(int cursor) => Cursor = Math.Max(Cursor, cursor);

    /// <summary>Writes one frame; false when an entry shows that this viewer missed a change.</summary>
    public bool Write(PipeWriter body, StreamFrame frame)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.IsEntry)
        {
            if (frame.Change <= Cursor)
            {
                // The catch-up sent it already (subscribed first, read second: the overlap is dropped here).
                return true;
            }
            if (frame.Previous > Cursor)
            {
                return false;
            }
            body.Write(frame.Bytes);
            Cursor = frame.Change;
            return true;
        }
        body.Write(frame.Bytes);
        if (!frame.IsKeepAlive)
        {
            WriteCursor(body, Cursor);
        }
        return true;
    }

    /// <summary><c>id: N</c> and the blank line that ends an event, for the events that take the viewer's cursor.</summary>
    public static void WriteCursor(IBufferWriter<byte> body, int cursor)
    {
        ArgumentNullException.ThrowIfNull(body);
        var span = body.GetSpan(24);
        "id: "u8.CopyTo(span);
        Utf8Formatter.TryFormat(cursor, span[4..], out var digits);
        span[4 + digits] = (byte)'\n';
        span[5 + digits] = (byte)'\n';
        body.Advance(6 + digits);
    }
}
