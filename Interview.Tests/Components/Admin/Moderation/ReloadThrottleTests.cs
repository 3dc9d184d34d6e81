using Interview.Web.Components.Admin.Moderation;

namespace Interview.Tests.Components.Admin.Moderation;

public class ReloadThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task OneSignalAfterAQuietSpellReloadsAtOnce()
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var throttle = new ReloadThrottle(TimeSpan.FromSeconds(10), TimeProvider.System, () =>
        {
            reloaded.TrySetResult();
            return Task.CompletedTask;
        });

        throttle.Signal();

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, throttle.Reloads);
    }

    [Fact]
    public async Task ABurstOfSignalsBecomesAFewReloadsThatNeverOverlapAndTheLastComesAfterTheLastSignal()
    {
        var running = 0;
        var overlapped = false;
        var lastSignal = DateTimeOffset.MinValue;
        var lastReload = DateTimeOffset.MinValue;
        using var throttle = new ReloadThrottle(Interval, TimeProvider.System, async () =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            lastReload = DateTimeOffset.UtcNow;
            await Task.Delay(30);
            Interlocked.Decrement(ref running);
        });
        var started = DateTimeOffset.UtcNow;

        for (var i = 0; i < 100; i++)
        {
            lastSignal = DateTimeOffset.UtcNow;
            throttle.Signal();
            await Task.Delay(5);
        }
        // A signal is never left without a reload after it.
        await WaitUntilAsync(() => lastReload >= lastSignal);
        var elapsed = DateTimeOffset.UtcNow - started;

        Assert.False(overlapped);
        Assert.InRange(throttle.Reloads, 2, (int)Math.Ceiling(elapsed / Interval) + 1);
    }

    [Fact]
    public async Task AFailedReloadIsReportedAndTheNextSignalReloadsAgain()
    {
        var failures = new List<Exception>();
        var calls = 0;
        using var throttle = new ReloadThrottle(TimeSpan.Zero, TimeProvider.System,
            () => ++calls == 1 ? throw new InvalidOperationException("database busy") : Task.CompletedTask, failures.Add);

        throttle.Signal();
        await WaitUntilAsync(() => throttle.Reloads == 1 && failures.Count == 1);
        throttle.Signal();
        await WaitUntilAsync(() => calls == 2);

        Assert.Equal("database busy", Assert.Single(failures).Message);
    }

    [Fact]
    public async Task NothingReloadsAfterDisposal()
    {
        var calls = 0;
        var throttle = new ReloadThrottle(Interval, TimeProvider.System, () =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        throttle.Signal();
        await WaitUntilAsync(() => calls == 1);
        throttle.Signal();

        throttle.Dispose();
        throttle.Signal();
        await Task.Delay(Interval * 3);

        Assert.Equal(1, calls);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the condition was not met in time");
            await Task.Delay(10);
        }
    }
}
