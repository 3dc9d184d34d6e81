using Interview.Web.Admin;

namespace Interview.Web.Components.Admin.Sessions;

/// <summary>What the session form holds while staff type: the times as the <c>datetime-local</c> fields give them.</summary>
public sealed class SessionInput
{
    // The messages a form shows beside each field (Shared/FocusFirstError); Missing() and the service check again.
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue, ErrorMessage = "请选择栏目。")]
    public int ColumnId { get; set; }
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写访谈标题。")]
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写开始时间。")]
    public string Start { get; set; } = "";
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写结束时间。")]
    public string End { get; set; } = "";

    public static SessionInput From(InterviewDraft session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new()
        {
            ColumnId = session.ColumnId,
            Title = session.Title,
            Summary = session.SummaryMarkdown,
            Start = BeijingTime.ToInput(session.ScheduledStart),
            End = BeijingTime.ToInput(session.ScheduledEnd),
        };
    }

    /// <summary>What must be filled in before the form can be sent, or null; the service checks the rules themselves.</summary>
    public string? Missing() =>
        ColumnId == 0 ? "请选择栏目。"
        : BeijingTime.FromInput(Start) is null ? "请填写开始时间。"
        : BeijingTime.FromInput(End) is null ? "请填写结束时间。"
        : null;

    public InterviewEdit ToEdit() =>
        new(ColumnId, Title, Summary, BeijingTime.FromInput(Start) ?? default, BeijingTime.FromInput(End) ?? default);
}

/// <summary>One guest as the form holds it.</summary>
public sealed class GuestInput
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写嘉宾姓名。")]
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
