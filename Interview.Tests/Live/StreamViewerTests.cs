using System.IO.Pipelines;
using System.Text;
using Interview.Web.Live;

namespace Interview.Tests.Live;

/// <summary>
/// One viewer of the event stream, written to by whoever offers a frame (Live/StreamViewer): what it keeps before the
/// catch-up is done and while a slow reader's flush is pending, when it gives up on a reader, and that nothing is
/// written after it is closed. A pipe stands for the response: its reader is the client.
/// </summary>
public sealed class StreamViewerTests
{
    [Fact]
    public async Task FramesOfferedDuringTheCatchUpAreWrittenWhenTheViewerFollowsInOrderWithoutWhatTheCatchUpSent()
    {
        var response = new Pipe();
        var viewer = new StreamViewer(cursor: 0);
        viewer.Offer(Entry(change: 1, previous: 0, "一"));
        viewer.Offer(Entry(change: 2, previous: 1, "二"));
        // The catch-up read the database after joining: it sent change 1 itself.
        viewer.WriteCaughtUp(response.Writer, Entry(change: 1, previous: 0, "一"));
        await response.Writer.FlushAsync();

        Assert.True(viewer.Follow(response.Writer));
        viewer.Offer(Entry(change: 3, previous: 2, "三"));

        Assert.Equal("一二三", await ReadAsync(response, "三"));
        Assert.Equal(3, viewer.Cursor);
        Assert.False(viewer.Done.IsCompleted);
    }

    [Fact]
    public async Task AReaderThatFallsBehindIsSentWhatWaitedOnceItReadsAndClosedWhenItFallsTooFarBehind()
    {
        // A client that reads nothing: the response's flush waits once a few bytes are unread.
        var response = new Pipe(new PipeOptions(pauseWriterThreshold: 8, resumeWriterThreshold: 4, useSynchronizationContext: false));
        var viewer = new StreamViewer(cursor: 0);
        Assert.True(viewer.Follow(response.Writer));

        viewer.Offer(Entry(change: 1, previous: 0, "一二三四五六"));
        viewer.Offer(Entry(change: 2, previous: 1, "七"));
        viewer.Offer(StreamFrame.KeepAlive);
        Assert.False(viewer.Done.IsCompleted);
        // It reads: what waited is written after the flush, in order, and the keep-alive was not kept.
        Assert.Equal("一二三四五六七", await ReadAsync(response, "七"));

        // A client that has read nothing since the first frame: one written, QueueLength kept, and then one too many.
        var slow = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var behind = new StreamViewer(cursor: 0);
        Assert.True(behind.Follow(slow.Writer));
        for (var change = 1; change <= StreamViewer.QueueLength + 2; change++)
        {
            Assert.False(behind.Done.IsCompleted);
            behind.Offer(Entry(change, change - 1, "字"));
        }
        // Closed: its browser resumes from its cursor, the one frame it was sent. The request ends once its pending flush
        // does (here: the client goes away; a real one that stops reading is cut off by Kestrel's minimum data rate).
        Assert.Equal(1, behind.Cursor);
        Assert.False(behind.Done.IsCompleted);
        await slow.Reader.CompleteAsync();
        await behind.Done.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AClosedViewerIsWrittenNothingMoreAndAViewerThatMissedAChangeIsClosed()
    {
        var response = new Pipe();
        var viewer = new StreamViewer(cursor: 0);
        Assert.True(viewer.Follow(response.Writer));
        viewer.Offer(Entry(change: 1, previous: 0, "一"));
        viewer.Close();
        viewer.Offer(Entry(change: 2, previous: 1, "二"));
        Assert.True(viewer.Done.IsCompleted);
        Assert.False(viewer.Follow(response.Writer));
        Assert.Equal("一", await ReadAsync(response, "一"));

        // Change 3 says change 2 came before it: a viewer at 1 missed it, and resumes by cursor rather than skip it.
        var gap = new StreamViewer(cursor: 0);
        Assert.True(gap.Follow(new Pipe().Writer));
        gap.Offer(Entry(change: 1, previous: 0, "一"));
        gap.Offer(Entry(change: 3, previous: 2, "三"));
        Assert.True(gap.Done.IsCompleted);
        Assert.Equal(1, gap.Cursor);
    }

    private static StreamFrame Entry(int change, int previous, string text) =>
        StreamFrame.Entry(Encoding.UTF8.GetBytes(text), change, previous);

    /// <summary>Reads the response until it ends with <paramref name="last"/> (the test's timeout bounds it).</summary>
    private static async Task<string> ReadAsync(Pipe response, string last)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = new StringBuilder();
        while (true)
        {
            var read = await response.Reader.ReadAsync(timeout.Token);
            foreach (var segment in read.Buffer)
            {
                text.Append(Encoding.UTF8.GetString(segment.Span));
            }
            response.Reader.AdvanceTo(read.Buffer.End);
            if (text.ToString().EndsWith(last, StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }
    }
}
