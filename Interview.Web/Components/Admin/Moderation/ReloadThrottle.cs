namespace Interview.Web.Components.Admin.Moderation;

/// <summary>
/// Turns a burst of change signals into a few reloads: the first signal after a quiet spell reloads at once, and
/// signals that come while a reload is due or running make one more reload, no sooner than <c>interval</c> after
/// the previous one started. Reloads never overlap. <see cref="Signal"/> returns at once, so whoever announces the
/// change (a citizen's submit awaiting the notifier) never waits for a console's read.
/// </summary>
public sealed class ReloadThrottle : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Func<Task> _reload;
    private readonly Action<Exception>? _failed;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private bool _dirty;
    private bool _running;
    private long? _lastStart;
    private int _reloads;

    public ReloadThrottle(TimeSpan interval, TimeProvider clock, Func<Task> reload, Action<Exception>? failed = null)
    {
        _interval = interval;
        _clock = clock;
        _reload = reload;
        _failed = failed;
        _stopping = _stop.Token;
    }

    /// <summary>How many reloads have started; for tests and diagnostics.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    public void Signal()
    {
        lock (_gate)
        {
            _dirty = true;
            if (_running || _stopping.IsCancellationRequested)
            {
                return;
            }
            _running = true;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                var wait = _lastStart is { } last ? _interval - _clock.GetElapsedTime(last) : TimeSpan.Zero;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, _stopping);
                }
                lock (_gate)
                {
                    if (!_dirty || _stopping.IsCancellationRequested)
                    {
                        _running = false;
                        return;
                    }
                    _dirty = false;
                    _lastStart = _clock.GetTimestamp();
                }
                Interlocked.Increment(ref _reloads);
                try
                {
                    await _reload();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed read leaves the old list up; the next change tries again.
                    _failed?.Invoke(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting: the console is gone.
        }
    }

    public void Dispose()
    {
        // The token stays usable after this: a run that is waiting sees it cancelled and ends.
        _stop.Cancel();
        _stop.Dispose();
    }
}
