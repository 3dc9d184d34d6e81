using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace Interview.Web.Live;

/// <summary>
/// One open stream: the cursor this viewer has reached and, once it follows its session (<see cref="Follow"/>), the
/// response it is written to. An offered frame is written and flushed at once by whoever offers it (the session's relay
/// or the keep-alive timer): no queue, task or timer of its own is kept per viewer, only a few frames while a flush has
/// not finished (a slow reader) or before the catch-up is done. A viewer too slow to take <see cref="QueueLength"/>
/// frames is closed, and its browser resumes from its last cursor (Last-Event-ID), which is exactly what the cursor is
/// for. Everything that writes takes the viewer's lock, so the relay and the viewer's own request never write at once,
/// and nothing is written after <see cref="Close"/>.
/// </summary>
public sealed class StreamViewer
{
    /// <summary>Frames a viewer may fall behind by before it is closed (a burst of entries, a keep-alive, a floor).</summary>
    public const int QueueLength = 64;

    // Also the lock: the one object every viewer has anyway.
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PipeWriter? _body;
    private Queue<StreamFrame>? _waiting;
    private bool _flushing;
    private bool _closed;

    public StreamViewer(int cursor) => Cursor = cursor;

    /// <summary>The last change this viewer was sent (the catch-up's, then each entry's).</summary>
    public int Cursor { get; private set; }

    /// <summary>Completes when the stream ends (closed by the server, too slow, or the client gone) and no flush is pending.</summary>
    public Task Done => _done.Task;

    /// <summary>Writes the frame now, or keeps it until the catch-up or a pending flush is done; too many close the viewer.</summary>
    public void Offer(StreamFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_done)
        {
            if (_closed)
            {
                return;
            }
            if (_body is null || _flushing)
            {
                Keep(frame);
                return;
            }
            Send(_body, [frame]);
        }
    }

    /// <summary>
    /// After the catch-up (written and flushed by the request): from now on frames go straight to <paramref name="body"/>,
    /// beginning with those offered meanwhile. False when the viewer was closed already.
    /// </summary>
    public bool Follow(PipeWriter body)
    {
        ArgumentNullException.ThrowIfNull(body);
        lock (_done)
        {
            if (_closed)
            {
                return false;
            }
            _body = body;
            if (_waiting is { Count: > 0 } waiting)
            {
                Send(body, Drain(waiting));
            }
            return !_closed;
        }
    }

    /// <summary>Ends the stream (the session's audience is closing, the server stops, or the client went away).</summary>
    public void Close()
    {
        lock (_done)
        {
            CloseLocked();
        }
    }

    /// <summary>Writes the catch-up's entry frame (already past its cursor) and moves the cursor.</summary>
    public void WriteCaughtUp(PipeWriter body, StreamFrame frame)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(frame);
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

    private void Keep(StreamFrame frame)
    {
        if (frame.IsKeepAlive)
        {
            // Bytes are on their way or the stream has not started: nothing to keep alive.
            return;
        }
        var waiting = _waiting ??= new Queue<StreamFrame>();
        if (waiting.Count >= QueueLength)
        {
            CloseLocked();
            return;
        }
        waiting.Enqueue(frame);
    }

    private static StreamFrame[] Drain(Queue<StreamFrame> waiting)
    {
        var frames = waiting.ToArray();
        waiting.Clear();
        return frames;
    }

    /// <summary>Writes the frames and flushes, under the lock. A flush that does not finish at once is awaited apart.</summary>
    private void Send(PipeWriter body, ReadOnlySpan<StreamFrame> frames)
    {
        try
        {
            foreach (var frame in frames)
            {
                if (!Write(body, frame))
                {
                    // A change went by unseen (announcements crossed): end here, the client resumes from its cursor.
                    CloseLocked();
                    return;
                }
            }
            var flush = body.FlushAsync();
            if (flush.IsCompletedSuccessfully)
            {
                if (flush.Result is { IsCompleted: true } or { IsCanceled: true })
                {
                    CloseLocked();
                }
                return;
            }
            _flushing = true;
            _ = AfterFlushAsync(body, flush);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The response is over (the client went away between the offer and the write).
            CloseLocked();
        }
    }

    /// <summary>A slow reader: waits for its flush, then writes what was offered meanwhile.</summary>
    private async Task AfterFlushAsync(PipeWriter body, ValueTask<FlushResult> flush)
    {
        FlushResult? result = null;
        try
        {
            result = await flush;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The response is over: closed below.
        }
        lock (_done)
        {
            _flushing = false;
            if (_closed || result is null or { IsCompleted: true } or { IsCanceled: true })
            {
                CloseLocked();
                return;
            }
            if (_waiting is { Count: > 0 } waiting)
            {
                Send(body, Drain(waiting));
            }
        }
    }

    /// <summary>
    /// Nothing more is written. The stream ends once no flush of ours is pending: the request must not end while one
    /// is (a reader that stopped reading is cut off by Kestrel's minimum data rate, which ends that flush).
    /// </summary>
    private void CloseLocked()
    {
        _closed = true;
        _waiting = null;
        if (!_flushing)
        {
            _done.TrySetResult();
        }
    }
}
