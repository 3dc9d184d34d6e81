namespace Interview.Tests.Support;

/// <summary>A clock that says what the test sets, for rules that depend on the date (due dates, overdue).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
