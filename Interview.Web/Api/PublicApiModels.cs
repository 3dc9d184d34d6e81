using System.Text.Json.Serialization;
using Interview.Domain.Interviews;
using Interview.Web.Hosting;
using Interview.Web.Public;

namespace Interview.Web.Api;

// The public API's shapes (CONTRACT.md). Times are in the site's zone with their offset.

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record ColumnDto(int Id, string Slug, string Name, string Description);

public sealed record GuestDto(int Id, string Name, string Title, string Organization, string Bio, string? PhotoUrl);

public sealed record InterviewSummaryDto(
    int Id, string Title, InterviewStatus Status, ColumnDto Column, DateTimeOffset ScheduledStart,
    DateTimeOffset ScheduledEnd, IReadOnlyList<GuestDto> Guests, string Url);

/// <summary>The contract's five counts, plus rejected and the median time from submission to answer in whole seconds.</summary>
public sealed record StatsDto(
    int Received, int Approved, int Merged, int AnsweredLive, int AnsweredLater, int Rejected, long? MedianSecondsToAnswer);

public sealed record InterviewDto(
    int Id, string Title, InterviewStatus Status, ColumnDto Column, DateTimeOffset ScheduledStart,
    DateTimeOffset ScheduledEnd, string SummaryHtml, IReadOnlyList<GuestDto> Guests, StatsDto Stats,
    DateTimeOffset? PublishedAt, string Url, string BackgroundHtml = "");

public sealed record EntryDto(
    int Seq,
    EntryKind Kind,
    string Speaker,
    string Html,
    string Text,
    DateTimeOffset PublishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? QuestionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CorrectedAt,
    string Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Prepared = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReviewedBy = null,
    string SpeakerName = "",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Reviewed = false)
{
    /// <summary>On an answer: the seq of the entry that put its question (docs/api.md "Question → answer pairs").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? QuestionSeq { get; init; }

    /// <summary>On a question put to the guests: the seqs of its answers (empty while unanswered).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<int>? AnswerSeqs { get; init; }

    /// <summary>On an answer to a question never put to the guests (会后答复): that question as approved.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AnsweredQuestionDto? UnaskedQuestion { get; init; }

    /// <summary>
    /// The session's change number of this wording: the cursor to resume from (the stream's <c>id:</c>, the hub's
    /// <c>JoinAfter</c>, the entries API's <c>?after=</c>); it grows with every publication and correction.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Cursor { get; init; }

    /// <summary>On the question being answered in a live session (正在回答).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool OnTheFloor { get; init; }
}

public sealed record AnsweredQuestionDto(int Id, string Nickname, string Text);

/// <summary>Turns the catalogue's views into the API's shapes.</summary>
public sealed class PublicApiMapper(SiteTime time)
{
    public ColumnDto Column(ColumnView c) => new(c.Id, c.Slug, c.Name, c.Description);

    public GuestDto Guest(GuestView g) => new(g.Id, g.Name, g.Position, g.Organization, g.Bio, g.PhotoUrl);

    public InterviewSummaryDto Summary(InterviewCard c) => new(
        c.Id, c.Title, c.Status, Column(c.Column), time.Local(c.ScheduledStart), time.Local(c.ScheduledEnd),
        c.Guests.Select(Guest).ToList(), c.Url);

    public InterviewDto Interview(InterviewDetail d) => new(
        d.Card.Id, d.Card.Title, d.Card.Status, Column(d.Card.Column), time.Local(d.Card.ScheduledStart),
        time.Local(d.Card.ScheduledEnd), d.SummaryHtml, d.Card.Guests.Select(Guest).ToList(),
        new StatsDto(d.Stats.Received, d.Stats.Approved, d.Stats.Merged, d.Stats.AnsweredLive, d.Stats.AnsweredLater, d.Stats.Rejected,
            d.Stats.MedianTimeToAnswer is { } median ? (long)Math.Round(median.TotalSeconds) : null),
        time.Local(d.PublishedAt), d.Card.Url, d.BackgroundHtml);

    public EntryDto Entry(EntryView e) => new(
        e.Seq, e.Kind, e.Speaker, e.Html, e.Text, time.Local(e.PublishedAt), e.QuestionId, time.Local(e.CorrectedAt), e.Url,
        e.IsPrepared, e.ReviewedBy, e.SpeakerName, e.IsReviewed)
    {
        QuestionSeq = e.QuestionSeq,
        AnswerSeqs = e.Kind == EntryKind.Question && e.QuestionId is not null ? e.AnswerSeqs : null,
        UnaskedQuestion = e.UnaskedQuestion is { } q ? new AnsweredQuestionDto(q.Id, q.Nickname, q.Text) : null,
        OnTheFloor = e.OnTheFloor,
        Cursor = e.Change,
    };
}
