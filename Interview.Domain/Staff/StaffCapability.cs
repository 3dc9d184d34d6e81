namespace Interview.Domain.Staff;

/// <summary>
/// What a staff role opens in the consoles. The policies, the console menu and the home page all read
/// <see cref="StaffCapabilities.RolesFor"/>, so who may do what is written once.
/// </summary>
public enum StaffCapability
{
    /// <summary>Columns, staff accounts, word lists, the audit log.</summary>
    Administer,
    /// <summary>Create sessions and move them along.</summary>
    RunSessions,
    /// <summary>Publish during a session, and answer what was left open after it (会后答复).</summary>
    Publish,
    /// <summary>Work with review drafts; typists revise what was sent back.</summary>
    Review,
    /// <summary>Decide on citizens' questions.</summary>
    Moderate,
    /// <summary>Read the question queue.</summary>
    ReadQuestions,
}

public static class StaffCapabilities
{
    /// <summary>The one table of which role may do what.</summary>
    public static IReadOnlyList<StaffRole> RolesFor(this StaffCapability capability) => capability switch
    {
        StaffCapability.Administer => [StaffRole.Admin],
        StaffCapability.RunSessions => [StaffRole.Admin, StaffRole.Host],
        StaffCapability.Publish => [StaffRole.Admin, StaffRole.Host, StaffRole.Typist],
        StaffCapability.Review => [StaffRole.Admin, StaffRole.Reviewer, StaffRole.Typist],
        StaffCapability.Moderate => [StaffRole.Admin, StaffRole.Moderator],
        StaffCapability.ReadQuestions => [StaffRole.Admin, StaffRole.Moderator, StaffRole.Host],
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, null),
    };

    public static bool Allows(this IEnumerable<StaffRole> held, StaffCapability capability)
    {
        ArgumentNullException.ThrowIfNull(held);
        return held.Any(capability.RolesFor().Contains);
    }

    /// <summary>The roles' claim names joined by commas, as <c>AuthorizeView Roles</c> takes them.</summary>
    public static string RoleNames(this StaffCapability capability) =>
        string.Join(",", capability.RolesFor().Select(r => r.Name()));
}
