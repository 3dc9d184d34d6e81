using Interview.Domain;
using Interview.Domain.Questions;

namespace Interview.Web.Components.Pages;

/// <summary>
/// What is wrong with each field of a posted question form, so the form can tie each message to its field
/// (<c>aria-invalid</c>, <c>aria-describedby</c>) and put the focus on the first one. The rules are the question's own
/// (<see cref="Question.Submit"/>: cleaned text, present, within its length), checked before the intake so that the page
/// knows which field broke them; the intake checks them again. When the site has participation rules, the tick agreeing
/// to them (<see cref="Agreement"/>) is a field too.
/// </summary>
public sealed record QuestionFieldErrors(string? Nickname, string? Text, string? Agreement = null, string? Phone = null, string? Code = null)
{
    public static readonly QuestionFieldErrors None = new(null, null);

    public bool Any => Nickname is not null || Text is not null || Agreement is not null || Phone is not null || Code is not null;

    /// <summary>The id of the first field with an error, in the form's order; null when none.</summary>
    public string? FirstField =>
        Nickname is not null ? QuestionFields.NicknameId : Text is not null ? QuestionFields.TextId
        : Phone is not null ? QuestionFields.PhoneId : Code is not null ? QuestionFields.CodeId
        : Agreement is not null ? QuestionFields.AgreedId : null;

    /// <summary>Every message, in the form's order, for the summary above the form.</summary>
    public string Summary => string.Join("", new[] { Nickname, Text, Phone, Code, Agreement }.Where(m => m is not null));

    /// <summary>A refusal of the intake or of a code request that belongs to the phone or the code field; None otherwise.</summary>
    public static QuestionFieldErrors Of(ICodedError refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var message = Interview.Web.Text.ErrorText.Word(refusal.Code, refusal.Arguments, null);
        return refusal.Code switch
        {
            Interview.Web.Text.SiteErrorCodes.PhoneInvalid or Interview.Web.Text.SiteErrorCodes.PhoneRequired
                or Interview.Web.Text.SiteErrorCodes.TooManyPhoneCodes => new(null, null, Phone: message),
            Interview.Web.Text.SiteErrorCodes.PhoneCodeRequired or Interview.Web.Text.SiteErrorCodes.PhoneCodeWrong
                or Interview.Web.Text.SiteErrorCodes.PhoneCodeSpent => new(null, null, Code: message),
            _ => None,
        };
    }

    public static QuestionFieldErrors Check(string? nickname, string? text) => Check(nickname, text, agreed: true, rulesSet: false);

    /// <summary>As above, and when <paramref name="rulesSet"/> the citizen must have ticked that they agree to the rules.</summary>
    public static QuestionFieldErrors Check(string? nickname, string? text, bool agreed, bool rulesSet) =>
        new(Problem(nickname, ErrorCodes.FieldNickname, Question.MaxNicknameLength), Problem(text, ErrorCodes.FieldQuestionText, Question.MaxTextLength),
            rulesSet && !agreed ? Interview.Web.Text.ErrorText.Word(Interview.Web.Text.SiteErrorCodes.RulesAgreementRequired) : null);

    // The domain's own rule and words (Guard.Text's codes, worded by ErrorText), so the page and the API say one thing.
    private static string? Problem(string? value, string field, int max) => UnicodeText.Clean(value).Length switch
    {
        0 => Interview.Web.Text.ErrorText.Word(ErrorCodes.FieldRequired, new ErrorTerm(field)),
        var length when length > max => Interview.Web.Text.ErrorText.Word(ErrorCodes.FieldTooLong, new ErrorTerm(field), max),
        _ => null,
    };
}
