using Interview.Web.Live;
using Microsoft.AspNetCore.Components;

namespace Interview.Web.Components.Admin.Live;

/// <summary>
/// A live console page: listens to its session's events while it is open (STYLE.md #2, the eShop
/// OrdersRefreshOnStatusChange pattern), reloads what an event changed on the circuit's dispatcher, and lets go of the
/// subscription when the page goes away, or moves to another session.
/// </summary>
public abstract class LiveConsoleBase : StaffComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private int _subscribedTo;

    [Inject] private Events.IEventBus Notifier { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_subscription is not null && _subscribedTo == Id)
        {
            return;
        }
        _subscription?.Dispose();
        _subscribedTo = Id;
        // Subscribe before the first read: an event in between is then seen twice at worst (merged by seq), never missed.
        _subscription = Notifier.Subscribe(Id, OnLiveEventAsync);
        await LoadAsync();
    }

    /// <summary>Reads everything the page shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Reloads what <paramref name="liveEvent"/> changed; runs on the circuit's dispatcher.</summary>
    protected abstract Task ReloadAsync(LiveEvent liveEvent);

    private Task OnLiveEventAsync(LiveEvent liveEvent) => InvokeAsync(async () =>
    {
        await ReloadAsync(liveEvent);
        StateHasChanged();
    });

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }
}
