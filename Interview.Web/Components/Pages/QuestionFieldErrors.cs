using Interview.Domain;
using Interview.Domain.Questions;

namespace Interview.Web.Components.Pages;

/// <summary>
/// What is wrong with each field of a posted question form, so the form can tie each message to its field
/// (<c>aria-invalid</c>, <c>aria-describedby</c>) and put the focus on the first one. The rules are the question's own
/// (<see cref="Question.Submit"/>: cleaned text, present, within its length), checked before the intake so that the page
/// knows which field broke them; the intake checks them again.
/// </summary>
public sealed record QuestionFieldErrors(string? Nickname, string? Text)
{
    public static readonly QuestionFieldErrors None = new(null, null);

    public bool Any => Nickname is not null || Text is not null;

    /// <summary>The id of the first field with an error, in the form's order; null when none.</summary>
    public string? FirstField => Nickname is not null ? QuestionFields.NicknameId : Text is not null ? QuestionFields.TextId : null;

    /// <summary>Every message, in the form's order, for the summary above the form.</summary>
    public string Summary => string.Join("", new[] { Nickname, Text }.Where(m => m is not null));

    public static QuestionFieldErrors Check(string? nickname, string? text) =>
        new(Problem(nickname, ErrorCodes.FieldNickname, Question.MaxNicknameLength), Problem(text, ErrorCodes.FieldQuestionText, Question.MaxTextLength));

    // The domain's own rule and words (Guard.Text's codes, worded by ErrorText), so the page and the API say one thing.
    private static string? Problem(string? value, string field, int max) => UnicodeText.Clean(value).Length switch
    {
        0 => Interview.Web.Text.ErrorText.Word(ErrorCodes.FieldRequired, new ErrorTerm(field)),
        var length when length > max => Interview.Web.Text.ErrorText.Word(ErrorCodes.FieldTooLong, new ErrorTerm(field), max),
        _ => null,
    };
}
