using System.Globalization;
using System.Resources;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Domain.Staff;

namespace Interview.Web.Text;

/// <summary>
/// The names of statuses, reasons, roles and entry kinds as readers see them, in the current culture (Resources/Statuses:
/// key = the enum's type name + the member's name, e.g. <c>InterviewStatusLive</c>). Static, so a console, a page and
/// an error's wording read the same names without a service to inject.
/// </summary>
public static class DisplayNames
{
    private static readonly ResourceManager Names = new(typeof(Resources.Statuses));

    public static string Status(InterviewStatus status) => Of(status);

    public static string Status(QuestionStatus status) => Of(status);

    public static string Reason(RejectReason reason) => Of(reason);

    public static string Kind(EntryKind kind) => Of(kind);

    public static string Role(StaffRole role) => Of(role);

    /// <summary>
    /// The session's state as a sentence's predicate (Statuses: InterviewStatePhrase…): 已经取消, 已发布文字实录 / was cancelled,
    /// is published as a transcript; "访谈" + this reads, where "访谈已" + a status name (已取消) did not.
    /// </summary>
    public static string StatePhrase(InterviewStatus status, CultureInfo? culture = null) =>
        Names.GetString($"InterviewStatePhrase{status}", culture ?? CultureInfo.CurrentUICulture) ?? Of(status, culture);

    public static string Kind(PersonalDataKind kind) => Of(kind);

    /// <summary>Several roles as one phrase: 主持人、录入员 / host, typist.</summary>
    public static string Roles(IEnumerable<StaffRole> roles, CultureInfo? culture = null) =>
        string.Join(Word("ListSeparator", culture), roles.Select(r => Of(r, culture)));

    /// <summary>Roles of which any one will do: 主持人或录入员 / host or typist.</summary>
    public static string AnyOfRoles(IEnumerable<StaffRole> roles, CultureInfo? culture = null) =>
        string.Join(Word("AlternativeSeparator", culture), roles.Select(r => Of(r, culture)));

    /// <summary>
    /// The speaker as a transcript shows it: 主持人, 嘉宾 张三, 网友 小王, 会后答复 (a note shows its speaker, or 提示).
    /// </summary>
    public static string Speaker(EntryKind kind, string speaker)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        return kind switch
        {
            EntryKind.Host => Kind(kind),
            EntryKind.Guest => Format("SpeakerGuest", speaker),
            EntryKind.Question => Format("SpeakerQuestion", speaker),
            EntryKind.FollowUp => speaker.Length > 0 ? Format("SpeakerFollowUp", speaker) : Kind(kind),
            _ => speaker.Length > 0 ? speaker : Kind(kind),
        };
    }

    /// <summary>Any of the enums above; an unknown value shows its code name.</summary>
    public static string Of(Enum value, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Names.GetString(value.GetType().Name + value, culture ?? CultureInfo.CurrentUICulture) ?? value.ToString();
    }

    private static string Word(string key, CultureInfo? culture = null) => Names.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    private static string Format(string key, string speaker) => string.Format(CultureInfo.CurrentCulture, Word(key), speaker);
}
