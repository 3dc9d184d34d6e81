using Interview.Domain.Interviews;
using Interview.Web.Public;
using Interview.Web.Text;
using Microsoft.AspNetCore.Components;

namespace Interview.Web.Components.Pages;

/// <summary>What the session page reads and the choices its query string makes (text mode, refresh, order, poll).</summary>
public partial class InterviewPage
{
    private InterviewDetail? _interview;
    private IReadOnlyList<EntryView> _entries = [];
    private IReadOnlyList<PublicQuestion> _questions = [];
    private IReadOnlyList<PublicQuestion> _awaiting = [];

    [Parameter] public int Id { get; set; }
    [CascadingParameter] private HttpContext? HttpContext { get; set; }
    [SupplyParameterFromQuery] public string? Mode { get; set; }
    // Text, not a number: ?refresh=abc means no refresh, not an error page.
    [SupplyParameterFromQuery] public string? Refresh { get; set; }
    [SupplyParameterFromQuery] public string? Order { get; set; }
    // A rehearsal's (彩排) private link: /interviews/{id}?rehearsal=TOKEN shows it as the public would see it.
    [SupplyParameterFromQuery] public string? Rehearsal { get; set; }
    private Pass? RehearsalPass => string.IsNullOrEmpty(Rehearsal) ? null : new Pass(Rehearsal);
    private bool IsRehearsal => _interview?.IsRehearsal == true;

    private bool TextMode => string.Equals(Mode, "text", StringComparison.OrdinalIgnoreCase);
    // Off unless the reader asked (?refresh=N from the page's own control): an automatic reload by default is what WCAG
    // 2.2.1 forbids. An asked-for interval is kept within 10 s – 10 min.
    private int? RefreshSeconds => QueryValue.Number(Refresh, 1, int.MaxValue) is { } seconds ? Math.Clamp(seconds, 10, 600) : null;
    // The countdown's poll of the session's status, in seconds (null: the script's own pace); tests ask for a quick one.
    [SupplyParameterFromQuery] public string? Poll { get; set; }
    private int? PollSeconds => QueryValue.Number(Poll, 1, int.MaxValue) is { } seconds ? Math.Clamp(seconds, 2, 60) : null;
    // The page's own address with #ask: a bare "#ask" would resolve against <base href="/"> and lead to the home page. Built
    // from what the page knows, never from its query string, which no page shows back (text mode stays text mode).
    private string AskAnchor => (TextMode ? PublicUrls.TextMode(Id, RefreshSeconds, NewestFirst) : PublicUrls.Interview(Id)) + "#ask";
    private bool FeedFirst => _interview?.Status == InterviewStatus.Live;
    private bool NewestFirst => string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] ScriptKeys =
    [
        "ScriptLost", "ScriptDate", "ScriptMonths", "ScriptUnseen", "ScriptEntryCorrected", "ScriptFreshMany", "ScriptBrief",
        "ScriptEnded", "TranscriptNewestFirst", "TranscriptArchive", "TranscriptEnded", "EntryPrepared", "EntryReviewed",
        "EntryReviewedTitle", "EntryPermalink", "EntryCorrected", "QuestionLabel", "ReadPage", "ReadStop", "ReadEntry",
        "ReadEntryStop", "ReadEntryWhat", "ReadAria", "ReadStopAria",
        "EntryOnTheFloor", "EntryAnswersQuestion", "EntryAnswersUnasked", "EntryAnswersHeading", "EntryAnswerLink",
        "EntryReviewedPlain", "ReportLink", "ReportEntryLink",
    ];

    // Only a preview runs the countdown.
    private static readonly string[] CountdownKeys =
        ["CountdownLeft", "CountdownDays", "CountdownHours", "CountdownMinutes", "CountdownSeconds", "CountdownDue"];

    // Chinese as it is, not as \uXXXX: the words are a fifth of a live page's first visit otherwise. The encoder still
    // escapes what HTML would read as markup, and the attribute is HTML-encoded besides.
    private static readonly System.Text.Json.JsonSerializerOptions WordsJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private string ScriptWords()
    {
        var keys = _interview?.Status == InterviewStatus.Scheduled ? ScriptKeys.Concat(CountdownKeys) : ScriptKeys;
        var words = keys.ToDictionary(key => key, key => L[key].Value);
        words["StatusEnded"] = DisplayNames.Status(InterviewStatus.Ended);
        words["StatusPublished"] = DisplayNames.Status(InterviewStatus.Published);
        // Streamed entries carry the zh-CN label (the entries API the bare name too): the script labels them in the page's language.
        words["SpeakerHost"] = DisplayNames.Speaker(EntryKind.Host, "");
        words["SpeakerGuest"] = DisplayNames.Speaker(EntryKind.Guest, "{0}");
        words["SpeakerQuestion"] = DisplayNames.Speaker(EntryKind.Question, "{0}");
        words["SpeakerFollowUp"] = DisplayNames.Speaker(EntryKind.FollowUp, "{0}");
        words["SpeakerFollowUpAlone"] = DisplayNames.Speaker(EntryKind.FollowUp, "");
        words["SpeakerNote"] = DisplayNames.Speaker(EntryKind.Note, "");
        words["ContentLang"] = SiteCultures.ContentLang ?? "";
        return System.Text.Json.JsonSerializer.Serialize(words, WordsJson);
    }

    protected override async Task OnInitializedAsync()
    {
        _interview = await Catalog.InterviewAsync(Id, pass: RehearsalPass);
        if (_interview is null)
        {
            Navigation.NotFound();
            return;
        }
        _entries = await Catalog.EntriesAsync(Id, pass: RehearsalPass) ?? [];
        if (_interview.Status is InterviewStatus.Scheduled or InterviewStatus.Live)
        {
            _questions = await Catalog.ApprovedQuestionsAsync(Id, pass: RehearsalPass);
        }
        _awaiting = await Catalog.AwaitingFollowUpAsync(Id, pass: RehearsalPass);
        if (!IsRehearsal)
        {
            // The same page for every cookie-less reader: a CDN or nginx in front may carry it (Hosting/EdgeCaching). A
            // rehearsal's private view never: it is sent no-store.
            Hosting.EdgeCache.Fresh(HttpContext, Hosting.EdgeCache.For(_interview.Status));
        }
    }
}
