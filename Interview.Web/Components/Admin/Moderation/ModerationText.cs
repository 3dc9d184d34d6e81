using Interview.Domain.Questions;
using Interview.Web.Questions;

namespace Interview.Web.Components.Admin.Moderation;

/// <summary>How the moderation console names statuses, reasons, flags and decisions, in the order its keys cycle them.</summary>
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

    public static string Status(QuestionStatus? status) => status?.DisplayName() ?? "全部";

    public static string Flags(FlagFilter filter) => filter switch
    {
        FlagFilter.All => "全部",
        FlagFilter.Flagged => "有标记",
        FlagFilter.SensitiveWord => "敏感词",
        FlagFilter.PersonalData => "个人信息",
        FlagFilter.Unflagged => "无标记",
        _ => filter.ToString(),
    };

    public static string Reason(RejectReason reason) => reason.DisplayName();

    public static string Flag(FlagKind kind) => kind switch
    {
        FlagKind.SensitiveWord => "敏感词",
        FlagKind.PersonalData => "个人信息",
        _ => kind.ToString(),
    };

    /// <summary>What was decided, without who and when: 已采用, 未采用（与主题无关：说明）, 已合并到 #12.</summary>
    public static string Decision(ModerationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Status switch
        {
            QuestionStatus.Rejected when item.RejectReason is { } reason =>
                $"未采用（{Reason(reason)}{(string.IsNullOrWhiteSpace(item.DecisionNote) ? "" : "：" + item.DecisionNote)}）",
            QuestionStatus.Merged when item.MergedIntoId is { } into => $"已合并到 #{into}",
            var status => Status(status),
        };
    }

    /// <summary>The decision that beat the actor's own, named in full: who, when (the site's time) and what.</summary>
    public static string EarlierDecision(ModerationItem item, Hosting.SiteTime time)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(time);
        var when = item.DecidedAt is { } at ? $"于 {time.Display(at)} " : "";
        return $"操作未执行：问题 #{item.Id} 已由 {item.DecidedBy ?? "其他审核员"} {when}处理为“{Decision(item)}”。";
    }
}
