using Interview.Web.Admin;
using Interview.Web.Hosting;
using Interview.Web.Staff;

namespace Interview.Web.Components.Admin.Sessions;

/// <summary>What the session form holds while staff type: the times as the <c>datetime-local</c> fields give them, read in the site's time zone.</summary>
public sealed class SessionInput
{
    // The messages a form shows beside each field (Shared/FocusFirstError); Missing() and the service check again.
    [RangeText(1, int.MaxValue, "SessionColumnRequired", typeof(Resources.Staff))]
    public int ColumnId { get; set; }
    [RequiredText("SessionTitleRequired", typeof(Resources.Staff))]
    public string Title { get; set; } = "";
    public string? Background { get; set; }
    public string? Summary { get; set; }
    public string? ReviewUnit { get; set; }
    [RequiredText("SessionStartRequired", typeof(Resources.Staff))]
    public string Start { get; set; } = "";
    [RequiredText("SessionEndRequired", typeof(Resources.Staff))]
    public string End { get; set; } = "";

    public static SessionInput From(InterviewDraft session, SiteTime time)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(time);
        return new()
        {
            ColumnId = session.ColumnId,
            Title = session.Title,
            Background = session.BackgroundMarkdown,
            Summary = session.SummaryMarkdown,
            ReviewUnit = session.ReviewUnit,
            Start = time.ToInput(session.ScheduledStart),
            End = time.ToInput(session.ScheduledEnd),
        };
    }

    /// <summary>
    /// What must be filled in before the form can be sent, as the key of its message in Resources/Staff, or null; the
    /// service checks the rules themselves.
    /// </summary>
    public string? Missing(SiteTime time) =>
        ColumnId == 0 ? "SessionColumnRequired"
        : time.FromInput(Start) is null ? "SessionStartRequired"
        : time.FromInput(End) is null ? "SessionEndRequired"
        : null;

    public InterviewEdit ToEdit(SiteTime time) =>
        new(ColumnId, Title, Summary, time.FromInput(Start) ?? default, time.FromInput(End) ?? default, Background, ReviewUnit);
}

/// <summary>One guest as the form holds it.</summary>
public sealed class GuestInput
{
    [RequiredText("GuestNameRequired", typeof(Resources.Staff))]
    public string Name { get; set; } = "";
    public string? Position { get; set; }
    public string? Organization { get; set; }
    public string? Bio { get; set; }

    public static GuestInput From(Interview.Domain.Interviews.Guest guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return new() { Name = guest.Name, Position = guest.Position, Organization = guest.Organization, Bio = guest.Bio };
    }

    public GuestEdit ToEdit() => new(Name, Position, Organization, Bio);
}
