using System.Globalization;

namespace Interview.Domain;

/// <summary>
/// The codes of the domain's errors; each is a key of the site's Errors resources (Interview.Web/Resources/Errors.resx),
/// which a test checks. Field names (<c>Field…</c>) are <see cref="ErrorTerm"/> arguments of FieldRequired/FieldTooLong.
/// </summary>
public static class ErrorCodes
{
    public const string FieldRequired = nameof(FieldRequired);
    public const string FieldTooLong = nameof(FieldTooLong);

    public const string FieldColumnName = nameof(FieldColumnName);
    public const string FieldColumnDescription = nameof(FieldColumnDescription);
    public const string FieldSpeaker = nameof(FieldSpeaker);
    public const string FieldCorrectionNote = nameof(FieldCorrectionNote);
    public const string FieldContent = nameof(FieldContent);
    public const string FieldInterviewTitle = nameof(FieldInterviewTitle);
    public const string FieldInterviewSummary = nameof(FieldInterviewSummary);
    public const string FieldInterviewBackground = nameof(FieldInterviewBackground);
    public const string FieldReviewUnit = nameof(FieldReviewUnit);
    public const string FieldReviewComment = nameof(FieldReviewComment);
    public const string FieldGuestName = nameof(FieldGuestName);
    public const string FieldGuestPosition = nameof(FieldGuestPosition);
    public const string FieldGuestOrganization = nameof(FieldGuestOrganization);
    public const string FieldGuestBio = nameof(FieldGuestBio);
    public const string FieldWordListName = nameof(FieldWordListName);
    public const string FieldBlockReason = nameof(FieldBlockReason);
    public const string FieldQuestionText = nameof(FieldQuestionText);
    public const string FieldNickname = nameof(FieldNickname);
    public const string FieldDecisionNote = nameof(FieldDecisionNote);

    public const string ColumnSlugInvalid = nameof(ColumnSlugInvalid);
    public const string CorrectionUnchanged = nameof(CorrectionUnchanged);
    public const string TimesClosed = nameof(TimesClosed);
    public const string EndBeforeStart = nameof(EndBeforeStart);
    public const string GuestsClosed = nameof(GuestsClosed);
    public const string GuestRemovalClosed = nameof(GuestRemovalClosed);
    public const string GuestNotInSession = nameof(GuestNotInSession);
    public const string LastGuestOfScheduled = nameof(LastGuestOfScheduled);
    public const string GuestRequiredToSchedule = nameof(GuestRequiredToSchedule);
    public const string FollowUpOnlyAfterEnd = nameof(FollowUpOnlyAfterEnd);
    public const string LiveEntriesClosed = nameof(LiveEntriesClosed);
    public const string ModerationSettingsClosed = nameof(ModerationSettingsClosed);
    public const string IllegalTransition = nameof(IllegalTransition);
    public const string RoleNotPerSession = nameof(RoleNotPerSession);
    public const string ReviewNotNeeded = nameof(ReviewNotNeeded);
    public const string CorrectionReviewNotNeeded = nameof(CorrectionReviewNotNeeded);
    public const string CorrectionPending = nameof(CorrectionPending);
    public const string DraftIsCorrection = nameof(DraftIsCorrection);
    public const string DraftNotCorrectionOfEntry = nameof(DraftNotCorrectionOfEntry);
    public const string OnlyReturnedDraftResubmits = nameof(OnlyReturnedDraftResubmits);
    public const string DraftPublished = nameof(DraftPublished);
    public const string DraftReturned = nameof(DraftReturned);
    public const string GuestPhotoNotLocal = nameof(GuestPhotoNotLocal);
    public const string WordListUnchanged = nameof(WordListUnchanged);
    public const string WordTooLong = nameof(WordTooLong);
    public const string WordWithoutLetters = nameof(WordWithoutLetters);
    public const string TooManyWords = nameof(TooManyWords);
    public const string WordListChanged = nameof(WordListChanged);
    public const string OnlyApprovedBecomesFollowUp = nameof(OnlyApprovedBecomesFollowUp);
    public const string MergeOtherSession = nameof(MergeOtherSession);
    public const string MergeTargetNotApproved = nameof(MergeTargetNotApproved);
    public const string OnlyApprovedAnswered = nameof(OnlyApprovedAnswered);
    public const string QuestionAlreadyDecided = nameof(QuestionAlreadyDecided);
    public const string FieldReportReason = nameof(FieldReportReason);
    public const string FieldReportDetails = nameof(FieldReportDetails);
    public const string FieldReportReply = nameof(FieldReportReply);
    public const string ReportTargetRequired = nameof(ReportTargetRequired);
    public const string ReportAlreadyDecided = nameof(ReportAlreadyDecided);
    public const string RehearsalOfRehearsal = nameof(RehearsalOfRehearsal);
    public const string RehearsalClosed = nameof(RehearsalClosed);
    public const string OnlyRehearsalDeleted = nameof(OnlyRehearsalDeleted);
    public const string CarryOnlyFromRehearsal = nameof(CarryOnlyFromRehearsal);

    /// <summary>The log form of an error: its code and arguments, e.g. <c>IllegalTransition(Draft, Live)</c>.</summary>
    public static string Describe(string code, IEnumerable<object?> arguments) =>
        $"{code}({string.Join(", ", arguments.Select(a => a switch
        {
            ErrorTerm term => Describe(term.Code, term.Arguments),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            System.Collections.IEnumerable list and not string => string.Join("|", list.Cast<object?>()),
            _ => a?.ToString(),
        }))})";
}
