using Interview.Domain.Staff;

namespace Interview.Domain.Interviews;

/// <summary>A staff member assigned to one session in one role (host, typist or reviewer).</summary>
public sealed class Assignment
{
    private Assignment()
    {
    }

    public int Id { get; private set; }
    public int InterviewId { get; private set; }
    /// <summary>The staff account's id.</summary>
    public string StaffId { get; private set; } = "";
    public StaffRole Role { get; private set; }

    internal static Assignment Create(string staffId, StaffRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        if (!role.IsAssignedPerSession())
        {
            throw new DomainException(ErrorCodes.RoleNotPerSession, role);
        }
        return new Assignment { StaffId = staffId, Role = role };
    }
}
