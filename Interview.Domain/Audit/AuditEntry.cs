namespace Interview.Domain.Audit;

/// <summary>
/// One line of the append-only audit log (谁发布、谁审核、谁负责): who did what to which thing, when, from where and
/// with what outcome. Nothing in the application changes or removes a line once written.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The staff account (or "system") that acted.</summary>
    public string Actor { get; private set; } = "";
    /// <summary>What was done, as a dotted name: <c>interview.transition</c>, <c>question.approve</c>.</summary>
    public string Action { get; private set; } = "";
    /// <summary>What it was done to: <c>interview/12</c>, <c>question/345</c>.</summary>
    public string Target { get; private set; } = "";
    /// <summary><c>ok</c>, or why it failed.</summary>
    public string Outcome { get; private set; } = "";
    public string? IpAddress { get; private set; }
    /// <summary>Details that explain the action, e.g. the state moved from and to.</summary>
    public string Details { get; private set; } = "";

    public static AuditEntry Record(
        DateTimeOffset at, string actor, string action, string target, string outcome, string? ipAddress = null,
        string? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            Target = target,
            Outcome = outcome,
            IpAddress = ipAddress,
            Details = details ?? "",
        };
    }
}
