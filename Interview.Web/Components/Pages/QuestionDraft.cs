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

    /// <summary>
    /// The key of a form that came without one (the session page's, the same for every reader): the same question from
    /// the same client makes the same key, so a double click or a resent form still makes one question, while two
    /// readers of one cached page, asking different things, make two.
    /// </summary>
    public static string KeyOf(string client, string? nickname, string? text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{client}\n{nickname?.Trim()}\n{text?.Trim()}"));
        return "q-" + Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }
}
