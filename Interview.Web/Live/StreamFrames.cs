using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Interview.Domain.Interviews;
using Interview.Web.Hosting;
using Interview.Web.Public;

namespace Interview.Web.Live;

/// <summary>
/// One event of the public stream, already in its wire form: serialized once per broadcast and written as the same
/// bytes to every viewer. An entry's frame carries its own cursor (<c>id:</c>); other events take the cursor the
/// viewer is at (<see cref="StreamViewer"/> appends it), since they change nothing a resume must repeat.
/// </summary>
public sealed class StreamFrame
{
    private StreamFrame(byte[] bytes, int change, int previous)
    {
        Bytes = bytes;
        Change = change;
        Previous = previous;
    }

    /// <summary>The frame: complete for an entry and the keep-alive, without its <c>id:</c> line and end for the others.</summary>
    public byte[] Bytes { get; }

    /// <summary>The entry's change number (its cursor); 0 for other events.</summary>
    public int Change { get; }

    /// <summary>The cursor a viewer must have reached to take this entry without a gap (the change sent before it).</summary>
    public int Previous { get; }

    public bool IsEntry => Change > 0;

    public bool IsKeepAlive => ReferenceEquals(this, KeepAlive);

    /// <summary>A comment line: proxies and browsers see traffic, EventSource ignores it.</summary>
    public static readonly StreamFrame KeepAlive = new(":\n\n"u8.ToArray(), 0, 0);

    public static StreamFrame Entry(byte[] bytes, int change, int previous) => new(bytes, change, previous);

    public static StreamFrame Event(byte[] bytes) => new(bytes, 0, 0);
}

/// <summary>
/// The stream's event shapes (CONTRACT.md "Public event stream") and their wire form. The entry is lean (issue 15): the
/// contract's <c>Entry</c> without <c>text</c> (the page derives its announcement from <c>html</c>), <c>url</c> and
/// <c>speakerName</c> (both follow from the id, seq and the speaker label), with times to the second.
/// </summary>
public sealed class StreamFrames(SiteTime time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Read by script, never inlined in HTML: Chinese and markup stay as they are (a third of the bytes otherwise).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public StreamEntry Shape(EntryView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Seq, e.Kind, e.Speaker, e.Html.TrimEnd('\n'), Seconds(time.Local(e.PublishedAt)),
            e.CorrectedAt is { } corrected ? Seconds(time.Local(corrected)) : null)
        {
            QuestionSeq = e.QuestionSeq,
            AnswerSeqs = e.Kind == EntryKind.Question && e.AnswerSeqs.Count > 0 ? e.AnswerSeqs : null,
            UnaskedQuestion = e.UnaskedQuestion is { } q ? new StreamQuestion(q.Id, q.Nickname, q.Text) : null,
            Prepared = e.IsPrepared ? true : null,
            Reviewed = e.IsReviewed ? true : null,
            ReviewedBy = e.ReviewedBy,
        };
    }

    /// <summary><c>id: N</c>, <c>event: entry</c>, <c>data: {…}</c>: the whole frame of an entry's publication or correction.</summary>
    public StreamFrame Entry(EntryView e, int previous)
    {
        var bytes = Frame("entry", e.Change, Shape(e));
        return StreamFrame.Entry(bytes, e.Change, previous);
    }

    public StreamFrame Status(int interviewId, InterviewStatus status) => StreamFrame.Event(Frame("status", 0, new StatusMessage(interviewId, status)));

    public StreamFrame Question(int id, string nickname, string text) => StreamFrame.Event(Frame("question", 0, new QuestionMessage(id, nickname, text)));

    public StreamFrame Floor(int interviewId, int? seq) => StreamFrame.Event(Frame("floor", 0, new FloorMessage(interviewId, seq)));

    /// <summary>The event's lines; with <paramref name="change"/> 0 the <c>id:</c> line and the blank line are left to the viewer.</summary>
    private static byte[] Frame<T>(string name, int change, T payload)
    {
        var head = change > 0
            ? string.Create(CultureInfo.InvariantCulture, $"id: {change}\nevent: {name}\ndata: ")
            : $"event: {name}\ndata: ";
        var data = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        var tail = change > 0 ? "\n\n"u8 : "\n"u8;
        var bytes = new byte[Encoding.UTF8.GetByteCount(head) + data.Length + tail.Length];
        var written = Encoding.UTF8.GetBytes(head, bytes);
        data.CopyTo(bytes, written);
        tail.CopyTo(bytes.AsSpan(written + data.Length));
        return bytes;
    }

    private static DateTimeOffset Seconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);
}

/// <summary>The stream's entry: <c>Entry</c> of CONTRACT.md less <c>text</c>, <c>url</c> and <c>speakerName</c>.</summary>
public sealed record StreamEntry(int Seq, EntryKind Kind, string Speaker, string Html, DateTimeOffset PublishedAt, DateTimeOffset? CorrectedAt)
{
    public int? QuestionSeq { get; init; }
    public IReadOnlyList<int>? AnswerSeqs { get; init; }
    public StreamQuestion? UnaskedQuestion { get; init; }
    public bool? Prepared { get; init; }
    public bool? Reviewed { get; init; }
    public string? ReviewedBy { get; init; }
}

public sealed record StreamQuestion(int Id, string Nickname, string Text);
