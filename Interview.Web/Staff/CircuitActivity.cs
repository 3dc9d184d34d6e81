using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Interview.Web.Staff;

/// <summary>
/// When the person at a console last did something (a click, a key, a navigation). A console left alone longer than
/// the idle limit is signed out at the next revalidation, as an idle cookie would be.
/// </summary>
public sealed class CircuitActivity(TimeProvider clock) : CircuitHandler
{
    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    public bool IsIdleLongerThan(TimeSpan limit) => clock.GetUtcNow() - LastActivity > limit;

    /// <summary>Whether this scope is a running console (a circuit), not a static page's request.</summary>
    public bool IsCircuit { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsCircuit = true;
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            LastActivity = clock.GetUtcNow();
            return next(context);
        };
}
