namespace Interview.Domain.Interviews;

/// <summary>A guest (嘉宾) of one session: who they are, shown on the preview and credited in the transcript.</summary>
public sealed class Guest
{
    public const int MaxNameLength = 50;
    public const int MaxPositionLength = 100;
    public const int MaxOrganizationLength = 100;
    public const int MaxBioLength = 2000;

    private Guest()
    {
    }

    public int Id { get; private set; }
    public int InterviewId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The guest's post, e.g. 「市疾病预防控制中心主任」.</summary>
    public string Position { get; private set; } = "";
    public string Organization { get; private set; } = "";
    public string Bio { get; private set; } = "";
    /// <summary>A site-relative URL of the guest's photo, or null for the default silhouette.</summary>
    public string? PhotoUrl { get; private set; }
    public int SortOrder { get; private set; }

    internal static Guest Create(string name, string? position, string? organization, string? bio, int sortOrder)
    {
        var guest = new Guest { SortOrder = sortOrder };
        guest.Update(name, position, organization, bio);
        return guest;
    }

    public void Update(string name, string? position, string? organization, string? bio)
    {
        Name = Guard.Text(name, ErrorCodes.FieldGuestName, MaxNameLength);
        Position = Guard.OptionalText(position, ErrorCodes.FieldGuestPosition, MaxPositionLength);
        Organization = Guard.OptionalText(organization, ErrorCodes.FieldGuestOrganization, MaxOrganizationLength);
        Bio = Guard.OptionalText(bio, ErrorCodes.FieldGuestBio, MaxBioLength);
    }

    public void SetPhoto(string? photoUrl)
    {
        if (photoUrl is not null && !photoUrl.StartsWith('/'))
        {
            throw new DomainException(ErrorCodes.GuestPhotoNotLocal);
        }
        PhotoUrl = photoUrl;
    }
}
