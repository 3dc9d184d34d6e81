using Interview.Domain.Questions;
using Interview.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Interview.Web.Components.Admin.Live;

/// <summary>
/// The host's keys (js/host-shortcuts.js): Alt+N puts the next question, Alt+A marks the question on the floor answered,
/// Alt+C goes to the host's text box. After an action, by key or by button, the focus goes where the host works next:
/// the text box once a question is put (to introduce it), the next question once one is answered.
/// </summary>
public partial class QuestionBoard : IAsyncDisposable
{
    /// <summary>Where the host types (HostRemarks).</summary>
    public const string ComposerSelector = "textarea.host-remark-text";

    private IJSObjectReference? _keys;
    private IJSObjectReference? _listener;
    private DotNetObjectReference<QuestionBoard>? _self;
    private FocusAfter _focusAfterRender;

    /// <summary>Where the focus goes once an action's outcome is on screen.</summary>
    private enum FocusAfter
    {
        Nothing,
        Composer,
        NextQuestion,
    }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>What Alt+N puts: the first approved question not put yet.</summary>
    private DeskQuestion? NextToPut => Shown.FirstOrDefault(q => q.AskedSeq is null && q.Status != QuestionStatus.Answered);

    /// <summary>What Alt+A marks answered, and what the board and the transcript mark 正在回答.</summary>
    private DeskQuestion? OnTheFloor => OnTheFloorOf(Questions);

    /// <summary>The question on the floor (<see cref="TheFloor"/>, the rule the public page's 正在回答 follows too).</summary>
    public static DeskQuestion? OnTheFloorOf(IEnumerable<DeskQuestion> questions) =>
        TheFloor.Of(questions, q => q.AskedSeq, q => q.Status);

    [JSInvokable]
    public Task OnShortcutAsync(string key) => InvokeAsync(async () =>
    {
        switch (key)
        {
            case "n" when NextToPut is { } next && Live && !_busy:
                await AskAsync(next);
                break;
            case "n":
                Snackbar.Add(Live ? StaffLive["ShortcutNoQuestion"] : StaffLive["ShortcutNotLive"], Severity.Info);
                break;
            case "a" when OnTheFloor is { } current && !_busy:
                await MarkAnsweredAsync(current);
                break;
            case "a":
                Snackbar.Add(StaffLive["ShortcutNothingOnFloor"], Severity.Info);
                break;
            case "c":
                await FocusAsync(ComposerSelector);
                break;
        }
        StateHasChanged();
    });

    /// <summary>
    /// Put a question: the host introduces it in the text box. Answered: the next question to put (read once the board
    /// shows the reloaded list), else the board's heading, so the focus never falls back to the top of the page.
    /// </summary>
    private string[] Selectors(FocusAfter target) => target switch
    {
        FocusAfter.Composer => [ComposerSelector],
        FocusAfter.NextQuestion when NextToPut is { } next => [$".desk-question[data-question='{next.Id}'] .ask-question", ".question-board h2"],
        _ => [".question-board h2"],
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            try
            {
                // "./": a module specifier without it is a bare name, which the browser refuses.
                _keys = await JS.InvokeAsync<IJSObjectReference>("import", $"./{Assets["js/host-shortcuts.js"]}");
                _listener = await _keys.InvokeAsync<IJSObjectReference>("listen", _self);
            }
            catch (JSException)
            {
                // Without the module the keys do nothing; the buttons still work, and the console must not fall over.
                _keys = null;
            }
        }
        if (_focusAfterRender != FocusAfter.Nothing)
        {
            var selectors = Selectors(_focusAfterRender);
            _focusAfterRender = FocusAfter.Nothing;
            await FocusAsync(selectors);
        }
    }

    private async Task FocusAsync(params string[] selectors)
    {
        if (_keys is not null)
        {
            await _keys.InvokeVoidAsync("focusFirst", [selectors]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_listener is not null)
            {
                await _listener.InvokeVoidAsync("dispose");
                await _listener.DisposeAsync();
            }
            if (_keys is not null)
            {
                await _keys.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's listener with it.
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
