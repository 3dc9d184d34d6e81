namespace Interview.Web.Data;

/// <summary>
/// One writer at a time for the busiest write paths (citizens' questions, moderators' decisions). SQLite allows one
/// writer; when two collide, Microsoft.Data.Sqlite retries the loser after sleeping a thread for a fixed interval, which
/// under a flood of questions turns into latency spikes of hundreds of milliseconds. Queuing here instead waits
/// asynchronously and hands the lock over at once.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
