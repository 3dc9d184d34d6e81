namespace Interview.Domain.Questions;

/// <summary>What made the intake point a question out to moderators. A flag never decides anything by itself.</summary>
public enum FlagKind
{
    /// <summary>A word from a sensitive-word list (敏感词) matched; the detail names the list word and list version.</summary>
    SensitiveWord,
    /// <summary>The text seems to carry personal data (a mobile number, an ID card number, an e-mail address).</summary>
    PersonalData,
}

/// <summary>One flag on a question: its kind and what matched, shown to moderators only.</summary>
public sealed record QuestionFlag(FlagKind Kind, string Detail)
{
    public const int MaxDetailLength = 200;
}
