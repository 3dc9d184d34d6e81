namespace Interview.Web.Staff;

/// <summary>Who is acting, as the audit log records it: the account, its e-mail and the address the request came from.</summary>
public sealed record StaffActor(string Id, string Email, string? IpAddress)
{
    /// <summary>The application itself (start-up, scheduled jobs).</summary>
    public static StaffActor System { get; } = new("", "system", null);
}
