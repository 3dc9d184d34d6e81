namespace Interview.Web.Data;

/// <summary>
/// One writer at a time for the busiest write paths (citizens' questions, moderators' decisions). SQLite allows one
/// writer; when two collide, Microsoft.Data.Sqlite retries the loser after sleeping a thread for a fixed interval, which
/// under a flood of questions turns into latency spikes of hundreds of milliseconds. Queuing here instead waits
/// asynchronously and hands the lock over at once. PostgreSQL takes many writers (row locks and constraints keep
/// them right): there the gate is open and <see cref="SingleWriter"/> is false.
/// </summary>
public sealed class WriteGate(bool singleWriter = true) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether the database takes one writer at a time (SQLite), so that writes are worth queuing and grouping.</summary>
    public bool SingleWriter { get; } = singleWriter;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!SingleWriter)
        {
            return Open.Instance;
        }
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

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }
}
