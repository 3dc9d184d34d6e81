using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Web.Questions;
using Interview.Web.Text;

namespace Interview.Web.Components.Admin.Moderation;

/// <summary>
/// How the moderation console names statuses, reasons, flags and decisions, in the order its keys cycle them; in the
/// current UI culture, from the <c>StaffModeration</c> resources (static, so the console's cards and code-behind share one wording).
/// </summary>
public static class ModerationText
{
    /// <summary>The status filter's views; <c>s</c> steps through them in this order (null: every status).</summary>
    public static readonly QuestionStatus?[] StatusViews =
        [QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.Rejected, QuestionStatus.Merged, QuestionStatus.Answered, null];

    /// <summary>The flag filter's views; <c>f</c> steps through them in this order.</summary>
    public static readonly FlagFilter[] FlagViews =
        [FlagFilter.All, FlagFilter.Flagged, FlagFilter.SensitiveWord, FlagFilter.PersonalData, FlagFilter.Unflagged];

    /// <summary>The reject reasons; the keys 1–5 pick them in this order.</summary>
    public static readonly RejectReason[] Reasons =
        [RejectReason.Duplicate, RejectReason.OffTopic, RejectReason.PersonalData, RejectReason.Abusive, RejectReason.Other];

    private static Microsoft.Extensions.Localization.IStringLocalizer<Resources.StaffModeration> StaffModeration { get; } =
        StaffText.Static<Resources.StaffModeration>();

    public static string Status(QuestionStatus? status) => status is { } s ? DisplayNames.Status(s) : StaffModeration["FilterAll"];

    public static string Flags(FlagFilter filter) => filter switch
    {
        FlagFilter.All => StaffModeration["FilterAll"],
        FlagFilter.Flagged => StaffModeration["FilterFlagged"],
        FlagFilter.SensitiveWord => StaffModeration["FlagSensitiveWord"],
        FlagFilter.PersonalData => StaffModeration["FlagPersonalData"],
        FlagFilter.Unflagged => StaffModeration["FilterUnflagged"],
        _ => filter.ToString(),
    };

    public static string Reason(RejectReason reason) => DisplayNames.Reason(reason);

    public static string Flag(FlagKind kind) => kind switch
    {
        FlagKind.SensitiveWord => StaffModeration["FlagSensitiveWord"],
        FlagKind.PersonalData => StaffModeration["FlagPersonalData"],
        _ => kind.ToString(),
    };

    /// <summary>
    /// A flag's detail in the reader's language: a personal-data flag stores its kind's zh-CN name (手机号, as screening
    /// wrote it when the question came in), which is worded again here; a sensitive-word flag is the list word as written.
    /// </summary>
    public static string FlagDetail(QuestionFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var kind = flag.Kind == FlagKind.PersonalData
            ? Enum.GetValues<PersonalDataKind>().Cast<PersonalDataKind?>().FirstOrDefault(k => k!.Value.DisplayName() == flag.Detail)
            : null;
        return kind is { } known ? DisplayNames.Kind(known) : flag.Detail;
    }

    /// <summary>What was decided, without who and when: 已采用, 未采用（与主题无关：说明）, 已合并到 #12.</summary>
    public static string Decision(ModerationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Status switch
        {
            QuestionStatus.Rejected when item.RejectReason is { } reason =>
                string.IsNullOrWhiteSpace(item.DecisionNote) ? StaffModeration["DecisionRejected", Reason(reason)] : StaffModeration["DecisionRejectedNote", Reason(reason), item.DecisionNote],
            QuestionStatus.Merged when item.MergedIntoId is { } into => StaffModeration["DecisionMerged", into],
            var status => Status(status),
        };
    }

    /// <summary>The decision that beat the actor's own, named in full: who, when (the site's time) and what.</summary>
    public static string EarlierDecision(ModerationItem item, Hosting.SiteTime time)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(time);
        var when = item.DecidedAt is { } at ? StaffModeration["DecidedWhen", time.Display(at)].Value : "";
        return StaffModeration["EarlierDecision", item.Id, item.DecidedBy ?? StaffModeration["AnotherModerator"], when, Decision(item)];
    }
}
