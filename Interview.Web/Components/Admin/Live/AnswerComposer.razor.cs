using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Interview.Web.Components.Admin.Live;

public partial class AnswerComposer
{
    private const int LabelLength = 24;
    private readonly string _boxId = $"answer-{Guid.NewGuid():N}";
    private readonly string _statusId = $"answer-status-{Guid.NewGuid():N}";
    private ElementReference _box;
    private string _markdown = "";
    private int _guestId;
    private int _questionId;
    private bool _prepared;
    private bool _busy;
    private string _status = "";
    private IReadOnlyList<DeskQuestion>? _seenQuestions;
    private int _newestAskedSeen;

    [Inject] private LivePublisher Publisher { get; set; } = default!;

    [Parameter, EditorRequired] public DeskSession Session { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<DeskQuestion> Questions { get; set; } = [];
    [Parameter] public EventCallback<PublishOutcome> OnSubmitted { get; set; }

    /// <summary>After the close, what the typist sends is a follow-up answer (会后答复).</summary>
    private bool FollowUp => Session.Status.TakesFollowUps();

    /// <summary>The questions put to the guests, latest first, then those not put yet.</summary>
    private IEnumerable<DeskQuestion> OrderedQuestions =>
        Questions.OrderBy(q => q.AskedSeq is null).ThenByDescending(q => q.AskedSeq).ThenBy(q => q.SubmittedAt);

    protected override void OnParametersSet()
    {
        if (Session.Guests.All(g => g.Id != _guestId))
        {
            _guestId = Session.Guests.FirstOrDefault()?.Id ?? 0;
        }
        if (!ReferenceEquals(Questions, _seenQuestions))
        {
            _seenQuestions = Questions;
            FollowTheHost();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await _box.FocusAsync();
        }
    }

    /// <summary>
    /// When the host puts a new question to the guests, the answer is credited to it; otherwise the choice stays, so
    /// an answer typed in several parts keeps its question.
    /// </summary>
    private void FollowTheHost()
    {
        var newest = Questions.Where(q => q.AskedSeq is not null && q.Status == QuestionStatus.Approved).MaxBy(q => q.AskedSeq);
        if (newest?.AskedSeq is { } seq && seq > _newestAskedSeen)
        {
            _questionId = newest.Id;
        }
        _newestAskedSeen = Math.Max(_newestAskedSeen, Questions.Max(q => q.AskedSeq) ?? 0);
        if (Questions.All(q => q.Id != _questionId))
        {
            _questionId = 0;
        }
    }

    private string QuestionLabel(int id)
    {
        if (Questions.FirstOrDefault(q => q.Id == id) is not { } question)
        {
            return StaffLive["ComposerNoQuestion"];
        }
        var text = question.Text.Length > LabelLength ? question.Text[..LabelLength] + "…" : question.Text;
        var asked = question.AskedSeq is { } seq ? StaffLive["ComposerAskedAs", seq] : StaffLive["ComposerNotAsked"];
        var answered = question.Status == QuestionStatus.Answered ? StaffLive["ComposerAnsweredMark"].Value : "";
        return StaffLive["ComposerQuestionLabel", asked, question.Nickname, text, answered];
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.CtrlKey && e.Key == "Enter")
        {
            await PublishAsync();
        }
        else if (e.AltKey && GuestNumber(e) is { } number && number <= Session.Guests.Count)
        {
            _guestId = Session.Guests[number - 1].Id;
        }
    }

    /// <summary>Alt+1..9: by the key's position, since Alt changes the character on some layouts.</summary>
    private static int? GuestNumber(KeyboardEventArgs e) =>
        e.Code is ['D', 'i', 'g', 'i', 't', >= '1' and <= '9'] ? e.Code[5] - '0'
        : e.Key is [>= '1' and <= '9'] ? e.Key[0] - '0'
        : null;

    private async Task PublishAsync()
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var request = new EntryRequest(FollowUp ? EntryKind.FollowUp : EntryKind.Guest, _markdown,
                _guestId == 0 ? null : _guestId, _questionId == 0 ? null : _questionId, _prepared);
            PublishOutcome? outcome = null;
            if (await RunAsync(async actor => outcome = await Publisher.PublishAsync(actor, Session.Id, request)))
            {
                _status = outcome!.Entry is { } entry ? StaffLive["ComposerPublishedAs", entry.Seq] : StaffLive["ComposerSubmitted"];
                Snackbar.Add(outcome.Entry is null ? StaffLive["ComposerSubmittedShort"] : StaffLive["DraftPublished"], MudBlazor.Severity.Success);
                _markdown = "";
                _prepared = false;
                await OnSubmitted.InvokeAsync(outcome);
            }
            else
            {
                _status = StaffLive["ComposerNotPublished", LastError ?? ""];
            }
        }
        finally
        {
            _busy = false;
        }
        await _box.FocusAsync();
    }

    private async Task InsertPhotoAsync(string url)
    {
        var separator = _markdown.Trim().Length == 0 ? "" : "\n\n";
        _markdown = $"{_markdown.TrimEnd()}{separator}![{StaffLive["ComposerImageAlt"]}]({url})";
        await _box.FocusAsync();
    }
}
