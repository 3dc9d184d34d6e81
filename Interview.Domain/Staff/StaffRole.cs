namespace Interview.Domain.Staff;

/// <summary>What a staff member may do. One person may hold several roles.</summary>
public enum StaffRole
{
    /// <summary>管理员: columns, sessions, staff accounts, word lists, settings; acts on every session.</summary>
    Admin,
    /// <summary>审核员: screens citizens' questions.</summary>
    Moderator,
    /// <summary>主持人: runs the sessions assigned to them.</summary>
    Host,
    /// <summary>录入员: types the guests' answers in the sessions assigned to them.</summary>
    Typist,
    /// <summary>审核人 (from the guest's unit): approves answer text before it is published.</summary>
    Reviewer,
}

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";
    public const string Host = "host";
    public const string Typist = "typist";
    public const string Reviewer = "reviewer";

    public static IReadOnlyList<StaffRole> All { get; } = Enum.GetValues<StaffRole>();

    /// <summary>The role's name in the API and in role claims: admin, moderator, host, typist, reviewer.</summary>
    public static string Name(this StaffRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out StaffRole role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(name, out _);

    /// <summary>Roles that work on particular sessions and so are assigned to them.</summary>
    public static bool IsAssignedPerSession(this StaffRole role) =>
        role is StaffRole.Host or StaffRole.Typist or StaffRole.Reviewer;
}
