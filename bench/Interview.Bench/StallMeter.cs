using System.Diagnostics;

namespace Interview.Bench;

/// <summary>
/// How long the load generator itself stood still (its GC pauses, or no CPU for it on a busy machine): a thread that
/// asks to wake every 5 ms and notes how late it woke. Stalls here delay every viewer's receive time at once, so a
/// latency tail that matches them is the generator's, not the server's.
/// </summary>
internal sealed class StallMeter : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _maxTicks;
    private int _over50;
    private int _over100;
    private readonly TimeSpan _gcPauseAtStart = GC.GetTotalPauseDuration();
    private readonly int _gen2AtStart = GC.CollectionCount(2);
    private TimeSpan? _gcPause;
    private int? _gen2;

    public StallMeter()
    {
        _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.Highest, Name = "stall meter" };
        _thread.Start();
    }

    private void Run()
    {
        var fifty = Stopwatch.Frequency / 20;
        var hundred = Stopwatch.Frequency / 10;
        var expected = Stopwatch.Frequency * 5 / 1000;
        while (!_stop)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(5);
            var late = Stopwatch.GetTimestamp() - before - expected;
            if (late > _maxTicks)
            {
                _maxTicks = late;
            }
            if (late > fifty)
            {
                _over50++;
            }
            if (late > hundred)
            {
                _over100++;
            }
        }
    }

    public string Summary() =>
        $"load generator: longest stall {_maxTicks * 1000.0 / Stopwatch.Frequency:F0} ms, {_over50} over 50 ms, {_over100} over 100 ms; " +
        $"gc pauses {(_gcPause ?? GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalMilliseconds:F0} ms, " +
        $"{_gen2 ?? GC.CollectionCount(2) - _gen2AtStart} gen2";

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _gcPause = GC.GetTotalPauseDuration() - _gcPauseAtStart;
        _gen2 = GC.CollectionCount(2) - _gen2AtStart;
    }
}
