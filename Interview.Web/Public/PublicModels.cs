using Interview.Domain.Interviews;

namespace Interview.Web.Public;

// What the public may see, as read by PublicCatalog. Pages, feeds and the API render these; none of them carries a
// citizen's text that a moderator has not approved, nor any personal data.

public sealed record ColumnView(int Id, string Slug, string Name, string Description);

public sealed record GuestView(int Id, string Name, string Position, string Organization, string Bio, string? PhotoUrl)
{
    /// <summary>Unit and post as one phrase (市疾控中心主任), without repeating a unit the post already names.</summary>
    public string Credential => Position.StartsWith(Organization, StringComparison.Ordinal) ? Position : Organization + Position;
}

public sealed record InterviewCard(
    int Id,
    string Title,
    InterviewStatus Status,
    ColumnView Column,
    DateTimeOffset ScheduledStart,
    DateTimeOffset ScheduledEnd,
    IReadOnlyList<GuestView> Guests,
    DateTimeOffset UpdatedAt)
{
    public string Url => PublicUrls.Interview(Id);
}

/// <summary>
/// A session's public response statistics. <see cref="MedianTimeToAnswer"/> runs from submission to the published answer,
/// over every answered question (live and 会后答复); null while none is answered.
/// </summary>
public sealed record PublicStats(
    int Received, int Approved, int Merged, int Rejected, int AnsweredLive, int AnsweredLater, TimeSpan? MedianTimeToAnswer);

/// <summary>
/// A session as its page shows it. <see cref="LastChangedAt"/> is the latest of the session's own changes and its
/// entries' publication and correction (勘误), the date the sitemap and the archive's metadata give.
/// </summary>
public sealed record InterviewDetail(
    InterviewCard Card, string SummaryHtml, PublicStats Stats, DateTimeOffset? PublishedAt, string SummaryMarkdown,
    DateTimeOffset LastChangedAt, string BackgroundHtml = "", string BackgroundMarkdown = "", bool IsRehearsal = false)
{
    public int Id => Card.Id;
    public InterviewStatus Status => Card.Status;
}

public sealed record RevisionView(string Html, DateTimeOffset PublishedAt, DateTimeOffset ReplacedAt, string Note, string Markdown = "");

/// <summary>
/// An entry as the public sees it. Reviewed answers (two-key review) name the session's reviewing unit in
/// <see cref="ReviewedBy"/> (null without one: <see cref="IsReviewed"/> alone says "reviewed"), never a person;
/// <see cref="Reviewer"/>, the reviewer's display name, is for staff consoles only and no public output carries it.
/// </summary>
public sealed record EntryView(
    int InterviewId,
    int Seq,
    EntryKind Kind,
    string Speaker,
    string Html,
    string Text,
    DateTimeOffset PublishedAt,
    int? QuestionId,
    DateTimeOffset? CorrectedAt,
    IReadOnlyList<RevisionView> Revisions,
    bool IsPrepared = false,
    string? ReviewedBy = null,
    string Markdown = "",
    string SpeakerName = "",
    bool IsReviewed = false,
    string? Reviewer = null)
{
    public string Url => PublicUrls.Entry(InterviewId, Seq);

    /// <summary>
    /// The speaker as the reader's language labels them (<see cref="Speaker"/> is the zh-CN label the API and the hub
    /// carry): 嘉宾 张三 / Guest 张三.
    /// </summary>
    public string SpeakerLabel => Interview.Web.Text.DisplayNames.Speaker(Kind, SpeakerName);

    /// <summary>On an answer (a guest's or a 会后答复): the seq of the entry that put its question to the guests.</summary>
    public int? QuestionSeq { get; init; }

    /// <summary>The session's change number of this wording (<see cref="TranscriptEntry.Change"/>): the stream's cursor.</summary>
    public int Change { get; init; }

    /// <summary>On a question put to the guests: the seqs of the answers to it, in order.</summary>
    public IReadOnlyList<int> AnswerSeqs { get; init; } = [];

    /// <summary>
    /// On an answer to a question that was never put to the guests (a 会后答复 to a question left open): the question as
    /// approved, which no entry carries; so no answer appears without its question.
    /// </summary>
    public AnsweredQuestion? UnaskedQuestion { get; init; }

    /// <summary>On a question put to the guests during a live session: it is the one being answered (正在回答, <see cref="Domain.Questions.TheFloor"/>).</summary>
    public bool OnTheFloor { get; init; }

    /// <summary>An answer: an entry that says which question it answers.</summary>
    public bool IsAnswer => Kind is EntryKind.Guest or EntryKind.FollowUp && QuestionId is not null;
}

/// <summary>A citizen's question as a moderator approved it (what the public question list shows).</summary>
public sealed record AnsweredQuestion(int Id, string Nickname, string Text);

public sealed record HomeView(
    IReadOnlyList<InterviewCard> Live,
    IReadOnlyList<InterviewCard> Upcoming,
    IReadOnlyList<InterviewCard> Recent,
    IReadOnlyList<ColumnView> Columns);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An approved citizen question on the public question list; <paramref name="MeToo"/> is how many joined it (同问).</summary>
public sealed record PublicQuestion(int Id, string Nickname, string Text, int MeToo = 0);

/// <summary>A published session with every entry, for the downloads (Markdown, snapshot).</summary>
public sealed record ArchiveView(InterviewDetail Detail, IReadOnlyList<EntryView> Entries)
{
    /// <summary>Approved questions never put to the guests that still wait for their 会后答复 (会后答复中).</summary>
    public IReadOnlyList<PublicQuestion> AwaitingFollowUp { get; init; } = [];
}

/// <summary>A session in a column's feed, dated by when it became what it is now (for an archive: its publication).</summary>
public sealed record FeedItem(InterviewCard Card, DateTimeOffset Date);

public sealed record SitemapItem(string Path, DateTimeOffset? LastModified);

/// <summary>The site's public addresses, in one place (CONTRACT.md "Public pages").</summary>
public static class PublicUrls
{
    public static string Home => "/";
    public static string Column(string slug) => $"/columns/{Uri.EscapeDataString(slug)}";
    public static string ColumnFeed(string slug) => $"/columns/{Uri.EscapeDataString(slug)}/feed.xml";
    public static string ColumnEmbed(string slug) => $"/embed/columns/{Uri.EscapeDataString(slug)}";
    public static string Interview(int id) => $"/interviews/{id}";
    /// <summary>The question form on a page of its own, which never refreshes itself (text mode, when refreshing, links here).</summary>
    public static string Ask(int interviewId) => $"/interviews/{interviewId}/ask";
    /// <summary>
    /// The script-free live view for old browsers; it reloads itself only when the reader has asked for it
    /// (<paramref name="refreshSeconds"/>), never by default.
    /// </summary>
    public static string TextMode(int interviewId, int? refreshSeconds = null, bool newestFirst = false) =>
        $"/interviews/{interviewId}?mode=text{(refreshSeconds is { } seconds ? $"&refresh={seconds}" : "")}{(newestFirst ? "&order=desc" : "")}";
    public static string Entry(int interviewId, int seq) => $"/interviews/{interviewId}#e{seq}";
    public static string ArchiveMarkdown(int interviewId) => $"/interviews/{interviewId}/transcript.md";
    public static string ArchiveSnapshot(int interviewId) => $"/interviews/{interviewId}/snapshot.html";
    /// <summary>The report form (投诉举报) for entry <paramref name="seq"/> or public question <paramref name="questionId"/>.</summary>
    public static string Report(int interviewId, int? seq = null, int? questionId = null) =>
        $"/interviews/{interviewId}/report?{(seq is { } n ? $"seq={n}" : $"question={questionId}")}";
    public static string ReportReceipt(string receipt) => $"/reports/{Uri.EscapeDataString(receipt)}";
}

/// <summary>
/// What a session's stream resumes with (<see cref="PublicCatalog.ChangesAsync"/>): its state, the entries changed since
/// the cursor, and the cursor after them (<see cref="Complete"/> false: a full batch, read on from <see cref="Cursor"/>).
/// </summary>
public sealed record EntryChanges(InterviewStatus Status, int Cursor, IReadOnlyList<EntryView> Entries)
{
    public bool Complete => Entries.Count < PublicCatalog.MaxEntriesPerRead;
}
