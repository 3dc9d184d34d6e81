using System.Globalization;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;

namespace Interview.Web.Text;

/// <summary>
/// TEMPORARY copy for the staff localization branch: the public/seam branch owns the real DisplayNames (reading the
/// <c>Statuses</c> resources); keep that one on merge. Names of statuses, reasons and entry kinds in the current UI culture.
/// </summary>
public static class DisplayNames
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Status(InterviewStatus status) => !English ? status.DisplayName() : status switch
    {
        InterviewStatus.Draft => "Draft",
        InterviewStatus.Scheduled => "Upcoming",
        InterviewStatus.Live => "Live",
        InterviewStatus.Ended => "Ended",
        InterviewStatus.Published => "Transcript",
        InterviewStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Status(QuestionStatus status) => !English ? status.DisplayName() : status switch
    {
        QuestionStatus.Pending => "Pending",
        QuestionStatus.Approved => "Approved",
        QuestionStatus.Rejected => "Rejected",
        QuestionStatus.Merged => "Merged",
        QuestionStatus.Answered => "Answered",
        _ => status.ToString(),
    };

    public static string Reason(RejectReason reason) => !English ? reason.DisplayName() : reason switch
    {
        RejectReason.Duplicate => "Duplicate",
        RejectReason.OffTopic => "Off topic",
        RejectReason.PersonalData => "Contains personal data",
        RejectReason.Abusive => "Abusive language",
        RejectReason.Other => "Other",
        _ => reason.ToString(),
    };

    public static string Kind(EntryKind kind) => (English, kind) switch
    {
        (false, EntryKind.Host) => "主持人",
        (false, EntryKind.Guest) => "嘉宾",
        (false, EntryKind.Question) => "网友提问",
        (false, EntryKind.Note) => "提示",
        (false, EntryKind.FollowUp) => "会后答复",
        (_, EntryKind.Host) => "Host",
        (_, EntryKind.Guest) => "Guest",
        (_, EntryKind.Question) => "Question",
        (_, EntryKind.Note) => "Note",
        (_, EntryKind.FollowUp) => "Follow-up answer",
        _ => kind.ToString(),
    };
}
