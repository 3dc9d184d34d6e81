namespace Interview.Web.Components.Pages;

/// <summary>
/// What a citizen typed into the question form, sent back to them whenever the question was not taken (a missing
/// field, an expired page, a session that ended meanwhile): the form never loses their words, nor the tick agreeing to
/// the participation rules.
/// </summary>
public sealed record QuestionDraft(string? Nickname, string? Text, string? Phone, string Key, bool Agreed = false)
{
    /// <summary>An empty form. One key per rendered form: a double click or a resent form makes one question.</summary>
    public static QuestionDraft Empty() => new(null, null, null, Guid.NewGuid().ToString("N"));
}
