using System.Text;
using Interview.Bench;

namespace Interview.Tests.Bench;

/// <summary>
/// The benchmark's SSE decoder: what its viewers count (every entry once, the last id for Last-Event-ID) and what its
/// probe reports as bytes per entry on the wire both rest on it.
/// </summary>
public sealed class SseDecoderTests
{
    private static readonly string[] Frames =
    [
        ": keep-alive\n\n",
        "retry: 2000\nid: c-1\nevent: entry\ndata: {\"seq\":1,\"html\":\"<p>各位网友</p>\"}\n\n",
        "id: c-2\r\nevent: status\r\ndata: {\"status\":\"live\"}\r\n\r\n",
        "id: c-3\nevent: entry\ndata: line one\ndata: line two\n\n",
    ];

    private static byte[] Chunked(IEnumerable<string> frames)
    {
        var body = new StringBuilder();
        foreach (var frame in frames)
        {
            body.Append($"{Encoding.UTF8.GetByteCount(frame):x}\r\n").Append(frame).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(body.Append("0\r\n\r\n").ToString());
    }

    private static (List<SseEvent> Events, SseDecoder Decoder) Decode(byte[] body, int pieceSize, bool chunked = true)
    {
        var events = new List<SseEvent>();
        // The event's data is the decoder's buffer, reused for the next: keep a copy.
        var decoder = new SseDecoder(chunked, e => events.Add(e with { Data = e.Data.ToArray() }));
        for (var i = 0; i < body.Length; i += pieceSize)
        {
            decoder.Feed(body.AsSpan(i, Math.Min(pieceSize, body.Length - i)));
        }
        return (events, decoder);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Events_come_out_the_same_however_the_bytes_are_split(int pieceSize)
    {
        var (events, decoder) = Decode(Chunked(Frames), pieceSize);

        Assert.Equal(["entry", "status", "entry"], events.Select(e => e.Type));
        Assert.Equal(["c-1", "c-2", "c-3"], events.Select(e => e.Id));
        Assert.Equal("{\"seq\":1,\"html\":\"<p>各位网友</p>\"}", events[0].DataText);
        Assert.Equal("line one\nline two", events[2].DataText);
        Assert.Equal("c-3", decoder.LastEventId);
        Assert.Equal(2000, decoder.RetryMilliseconds);
        Assert.Equal(1, decoder.Comments);
        Assert.True(decoder.Ended);
    }

    [Fact]
    public void An_events_wire_bytes_are_its_frame_and_its_chunk_framing()
    {
        var (events, _) = Decode(Chunked(Frames), 5);

        // The first entry: its chunk's size line ("4c\r\n"), the frame, and the CRLF that closed the keep-alive's chunk.
        var frame = Encoding.UTF8.GetByteCount(Frames[1]);
        Assert.Equal(frame + $"{frame:x}\r\n".Length + 2, events[0].WireBytes);
        Assert.Equal(Encoding.UTF8.GetByteCount(Frames[3]) + $"{Encoding.UTF8.GetByteCount(Frames[3]):x}\r\n".Length + 2,
            events[2].WireBytes);
    }

    [Fact]
    public void A_body_that_is_not_chunked_is_read_as_it_is()
    {
        var (events, decoder) = Decode(Encoding.UTF8.GetBytes(string.Concat(Frames)), 2, chunked: false);

        Assert.Equal(3, events.Count);
        Assert.Equal(Encoding.UTF8.GetByteCount(Frames[3]), events[2].WireBytes);
        Assert.False(decoder.Ended);
    }

    [Fact]
    public void An_event_without_data_sets_the_id_and_dispatches_nothing()
    {
        var (events, decoder) = Decode(Chunked(["id: c-9\n\n"]), 1);

        Assert.Empty(events);
        Assert.Equal("c-9", decoder.LastEventId);
    }

    [Fact]
    public void A_malformed_chunk_size_is_refused()
    {
        Assert.Throws<FormatException>(() => Decode(Encoding.ASCII.GetBytes("zz\r\n"), 1));
    }
}
