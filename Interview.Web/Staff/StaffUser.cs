using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

/// <summary>A staff account (ASP.NET Core Identity), stored in the same database as everything else.</summary>
public sealed class StaffUser : IdentityUser
{
    public const int MaxDisplayNameLength = 50;

    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its running sessions lose their powers at the next check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
