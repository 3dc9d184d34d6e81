using Interview.Domain;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Live;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Interview.Web.Components.Admin.Moderation;

/// <summary>What the keys do at the moment: move and act, or finish the edit, rejection, merge or block begun.</summary>
public enum ConsoleMode
{
    Browse,
    Edit,
    Reject,
    Merge,
    Block,
}

/// <summary>
/// The moderation console (提问审核台): the session's question queue, live for every moderator who has it open, and
/// the decisions on it, by mouse or by keyboard alone (the keys are in <c>ModerationConsolePage.Keys.cs</c>).
/// </summary>
public sealed partial class ModerationConsolePage : StaffComponentBase, IDisposable
{
    /// <summary>How many questions of the filtered queue are shown: the list stays cheap to render however long the queue.</summary>
    public const int PageSize = 100;

    /// <summary>At most four reloads a second, however fast questions arrive.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<int, ElementReference> _rows = [];
    private readonly Dictionary<int, string> _revealed = [];
    private readonly Dictionary<int, RevealedText> _revealedText = [];
    private IDisposable? _subscription;
    private ReloadThrottle? _throttle;
    private int _subscribedTo;

    private ModerationSession? _session;
    private QueuePage _page = new([], 0, new Dictionary<QuestionStatus, int>());
    private bool _refused;
    private bool _canReveal;
    /// <summary>Blocks in every session (全站) are the admins' (the role table's Administer), not every moderator's.</summary>
    private bool _canBlockEverywhere;
    private bool _canOpenSession;
    private QuestionStatus? _status = QuestionStatus.Pending;
    private FlagFilter _flags = FlagFilter.All;
    private int? _selectedId;
    private int _selectedIndex;
    private ConsoleMode _mode;
    private RejectReason _reason = RejectReason.Duplicate;
    private string _note = "";
    private string _blockReason = "";
    private ModerationItem? _mergeSource;
    /// <summary>The view (and place in it) a merge began from, to return to when it is done.</summary>
    private (QuestionStatus? Status, FlagFilter Flags, int Index)? _mergeFrom;
    private bool _keepPersonalData;
    private string? _notice;
    private bool _help;
    private bool _busy;
    private bool _focusSelected;
    private bool _hasFocus;
    private bool _quiet;
    private bool _loaded;
    private int _loads;
    private string? _loadError;
    private ElementReference _console;

    [Inject] private ModerationQueue Queue { get; set; } = default!;
    [Inject] private Questions.Moderation Moderation { get; set; } = default!;
    [Inject] private Events.IEventBus Notifier { get; set; } = default!;
    [Inject] private StaffPermissions Permissions { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private Hosting.SiteTime Time { get; set; } = default!;
    [Inject] private ILogger<ModerationConsolePage> Logger { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    /// <summary>The reload throttle of the session on screen; tests read how often it reloaded.</summary>
    internal ReloadThrottle? Throttle => _throttle;

    private ModerationItem? Selected => _page.Items.FirstOrDefault(i => i.Id == _selectedId);

    protected override async Task OnParametersSetAsync()
    {
        if (_subscription is not null && _subscribedTo == Id)
        {
            return;
        }
        Unsubscribe();
        _subscribedTo = Id;
        // Another session: nothing chosen or revealed in the last one carries over.
        (_selectedId, _selectedIndex, _mode, _mergeSource, _mergeFrom, _notice) = (null, 0, ConsoleMode.Browse, null, null, null);
        _revealed.Clear();
        _revealedText.Clear();
        _throttle = new ReloadThrottle(ReloadInterval, Clock, () => InvokeAsync(async () =>
        {
            await LoadQueueAsync();
            StateHasChanged();
        }), e => Logger.LogWarning(e, "The moderation console of session {InterviewId} failed to reload.", Id));
        // Subscribe before the first read, so that nothing arriving in between is missed. The handler only signals:
        // the notifier awaits its listeners, and a citizen's submit must not wait for this console's read.
        var throttle = _throttle;
        _subscription = Notifier.Subscribe(Id, e =>
        {
            switch (e)
            {
                case QuestionsChanged:
                    throttle.Signal();
                    break;
                case StatusChanged:
                    _ = InvokeAsync(async () =>
                    {
                        await LoadSessionAsync();
                        StateHasChanged();
                    });
                    break;
            }
            return Task.CompletedTask;
        });
        _refused = !await RunAsync(async actor =>
        {
            var roles = await Permissions.RolesAsync(actor.Id);
            _canReveal = roles.Contains(StaffRole.Admin) || roles.Contains(StaffRole.Host);
            _canOpenSession = _canReveal;
            _canBlockEverywhere = roles.Allows(StaffCapability.Administer);
            _session = await Queue.SessionAsync(actor, Id);
        });
        if (!_refused)
        {
            await LoadQueueAsync();
            // The queue is what this page is for: its keys work from the start, without a Tab first.
            _focusSelected = !_loaded;
            _loaded = true;
        }
    }

    private Task LoadSessionAsync() => RunAsync(async actor => _session = await Queue.SessionAsync(actor, Id));

    /// <summary>Reads the filtered queue again and keeps the selection on the same question, or where it was.</summary>
    private async Task LoadQueueAsync()
    {
        // Reloads can overlap (an event's and an action's): only the latest read may replace the list.
        var load = ++_loads;
        var filter = new QueueFilter(_status, _flags);
        QueuePage page;
        try
        {
            page = await Queue.PageAsync(await ActorAsync(), Id, filter, PageSize);
        }
        catch (Exception e) when (e is StaffForbiddenException or NotFoundException or DomainException)
        {
            // Shown in the page, not as a snackbar: this runs up to four times a second.
            _loadError = Text.ErrorText.Of(e);
            return;
        }
        if (load != _loads)
        {
            return;
        }
        _loadError = null;
        _page = page;
        foreach (var gone in _rows.Keys.Where(id => page.Items.All(i => i.Id != id)).ToList())
        {
            _rows.Remove(gone);
        }
        var index = page.Items.ToList().FindIndex(i => i.Id == _selectedId);
        if (index >= 0)
        {
            _selectedIndex = index;
            return;
        }
        // The selected question left this view (decided here or by another moderator): select the one now in its place.
        if (_selectedId is { } lost && _mode is ConsoleMode.Edit or ConsoleMode.Reject or ConsoleMode.Block)
        {
            _notice = StaffModeration["QuestionLeftView", lost];
            _mode = ConsoleMode.Browse;
        }
        SelectAt(_selectedIndex);
        // Focus was on the row that went away: give it to the row in its place, so the keys keep working.
        _focusSelected |= _hasFocus;
    }

    protected override bool ShouldRender()
    {
        var render = !_quiet;
        _quiet = false;
        return render;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusSelected || _refused || _session is null)
        {
            return;
        }
        _focusSelected = false;
        var target = _selectedId is { } id && _rows.TryGetValue(id, out var row) ? row : _console;
        try
        {
            // Focusing scrolls the row into view: no script of our own needed.
            await target.FocusAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.JSInterop.JSException)
        {
            // The row was rendered away in between; the next move focuses again.
        }
    }

    private void FocusEntered()
    {
        _quiet = _hasFocus;
        _hasFocus = true;
    }

    private void FocusLeft()
    {
        _hasFocus = false;
        _quiet = true;
    }

    private void Select(ModerationItem item)
    {
        if (item.Id == _selectedId)
        {
            _quiet = true;
            return;
        }
        if (_mode is ConsoleMode.Edit or ConsoleMode.Reject or ConsoleMode.Block)
        {
            _mode = ConsoleMode.Browse;
        }
        SelectAt(_page.Items.ToList().IndexOf(item));
    }

    /// <summary>Selects the question at <paramref name="index"/> (kept within the list), or none when the list is empty.</summary>
    private void SelectAt(int index)
    {
        _selectedIndex = Math.Clamp(index, 0, Math.Max(0, _page.Items.Count - 1));
        var id = _page.Items.Count == 0 ? (int?)null : _page.Items[_selectedIndex].Id;
        if (id != _selectedId)
        {
            // Keeping personal data is a choice about one question, never carried to the next.
            _keepPersonalData = false;
        }
        _selectedId = id;
    }

    private static string Snippet(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 30), "…");

    private void Unsubscribe()
    {
        _subscription?.Dispose();
        _subscription = null;
        _throttle?.Dispose();
        _throttle = null;
    }

    public void Dispose() => Unsubscribe();
}
