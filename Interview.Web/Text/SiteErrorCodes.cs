namespace Interview.Web.Text;

/// <summary>
/// The codes of the site's own refusals (services, API, hub), beside the domain's <see cref="Domain.ErrorCodes"/>; each is
/// a key of Resources/Errors, which a test checks.
/// </summary>
public static class SiteErrorCodes
{
    public const string TooManySignIns = nameof(TooManySignIns);
    public const string TooManyQuestions = nameof(TooManyQuestions);
    public const string ClientBlocked = nameof(ClientBlocked);
    public const string AccountNotFound = nameof(AccountNotFound);
    public const string AccountDisabled = nameof(AccountDisabled);
    public const string TwoFactorCodeRequired = nameof(TwoFactorCodeRequired);
    public const string TwoFactorCodeWrong = nameof(TwoFactorCodeWrong);
    public const string TwoFactorEnrolRequired = nameof(TwoFactorEnrolRequired);
    public const string RolesRequired = nameof(RolesRequired);
    public const string AdminOrAssignedRequired = nameof(AdminOrAssignedRequired);
    public const string NotAssigned = nameof(NotAssigned);
    public const string NewPasswordRequired = nameof(NewPasswordRequired);
    public const string CurrentPasswordWrong = nameof(CurrentPasswordWrong);
    public const string PasswordUnchanged = nameof(PasswordUnchanged);
    public const string StaffNotFound = nameof(StaffNotFound);
    public const string CannotDropOwnAdmin = nameof(CannotDropOwnAdmin);
    public const string CannotDisableSelf = nameof(CannotDisableSelf);
    public const string EmailInvalid = nameof(EmailInvalid);
    public const string RoleRequiredOne = nameof(RoleRequiredOne);
    public const string DisplayNameTooLong = nameof(DisplayNameTooLong);
    public const string IdentityRefused = nameof(IdentityRefused);
    public const string UnknownEntryKind = nameof(UnknownEntryKind);
    public const string UnknownSort = nameof(UnknownSort);
    public const string UnknownFollowUpState = nameof(UnknownFollowUpState);
    public const string UnknownRole = nameof(UnknownRole);
    public const string UnknownTransitionStatus = nameof(UnknownTransitionStatus);
    public const string UnknownQuestionStatus = nameof(UnknownQuestionStatus);
    public const string RejectReasonRequired = nameof(RejectReasonRequired);
    public const string UnknownPublicStatus = nameof(UnknownPublicStatus);
    public const string PageFromOne = nameof(PageFromOne);
    public const string PublicColumnNotFound = nameof(PublicColumnNotFound);
    public const string PublicInterviewNotFound = nameof(PublicInterviewNotFound);
    public const string ReceiptNotFound = nameof(ReceiptNotFound);
    public const string QuestionNotFound = nameof(QuestionNotFound);
    public const string BlockWithoutSource = nameof(BlockWithoutSource);
    public const string MergeTargetNotFound = nameof(MergeTargetNotFound);
    public const string InterviewNotFound = nameof(InterviewNotFound);
    public const string QuestionsClosed = nameof(QuestionsClosed);
    public const string IdempotencyKeyTooLong = nameof(IdempotencyKeyTooLong);
    public const string PhoneInvalid = nameof(PhoneInvalid);
    public const string QuestionDecidedEarlier = nameof(QuestionDecidedEarlier);
    public const string QuestionDecidedEarlierAt = nameof(QuestionDecidedEarlierAt);
    public const string DecisionRejected = nameof(DecisionRejected);
    public const string DecisionMerged = nameof(DecisionMerged);
    public const string HubNoSuchInterview = nameof(HubNoSuchInterview);
    public const string HubTooManyConnections = nameof(HubTooManyConnections);
    public const string EntryNotFound = nameof(EntryNotFound);
    public const string QuestionNotInSession = nameof(QuestionNotInSession);
    public const string QuestionNotApproved = nameof(QuestionNotApproved);
    public const string QuestionToPutRequired = nameof(QuestionToPutRequired);
    public const string AnsweringGuestRequired = nameof(AnsweringGuestRequired);
    public const string DraftNotFound = nameof(DraftNotFound);
    public const string GuestNotFound = nameof(GuestNotFound);
    public const string StaffLacksRole = nameof(StaffLacksRole);
    public const string ColumnIdNotFound = nameof(ColumnIdNotFound);
    public const string ColumnSlugTaken = nameof(ColumnSlugTaken);
    public const string ColumnNotFound = nameof(ColumnNotFound);
    public const string SearchTooLong = nameof(SearchTooLong);
    public const string SearchEmpty = nameof(SearchEmpty);
    public const string SearchTooManyTerms = nameof(SearchTooManyTerms);
    public const string PageOutOfRange = nameof(PageOutOfRange);
    public const string SearchColumnNotFound = nameof(SearchColumnNotFound);
    public const string YearInvalid = nameof(YearInvalid);
    public const string WordListNotFound = nameof(WordListNotFound);
    public const string WordListVersionNotFound = nameof(WordListVersionNotFound);
    public const string WordListNameTaken = nameof(WordListNameTaken);
    public const string ImageUnrecognized = nameof(ImageUnrecognized);
    public const string ImageFormatRefused = nameof(ImageFormatRefused);
    public const string ImageTooLarge = nameof(ImageTooLarge);
    public const string ImageCorrupt = nameof(ImageCorrupt);
    public const string ImageTooBig = nameof(ImageTooBig);
    public const string ImageEmpty = nameof(ImageEmpty);
    public const string NumberInvalid = nameof(NumberInvalid);
    public const string FieldYear = nameof(FieldYear);
    public const string FieldPage = nameof(FieldPage);
    public const string TestTextTooLong = nameof(TestTextTooLong);
    public const string PublicQuestionNotFound = nameof(PublicQuestionNotFound);
    public const string MeTooSessionCancelled = nameof(MeTooSessionCancelled);
    public const string ScreenQuestionNotApproved = nameof(ScreenQuestionNotApproved);
}
