using Interview.Web.Staff;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Interview.Tests.Staff;

public class CircuitActivityTests
{
    [Fact]
    public async Task AConsoleLeftAloneBecomesIdleAndAnyActivityWakesIt()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var activity = new CircuitActivity(clock);
        var limit = TimeSpan.FromMinutes(30);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(activity.IsIdleLongerThan(limit));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(activity.IsIdleLongerThan(limit));

        var handler = activity.CreateInboundActivityHandler(_ => Task.CompletedTask);
        await handler(null!);
        Assert.False(activity.IsIdleLongerThan(limit));
        Assert.Equal(clock.GetUtcNow(), activity.LastActivity);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
