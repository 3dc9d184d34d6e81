namespace Interview.Domain;

/// <summary>
/// A rule of the product was broken. It carries a code (<see cref="ErrorCodes"/>) and the arguments the wording needs
/// (names, numbers, statuses, <see cref="ErrorTerm"/>s), never a sentence: the site words it in the reader's language.
/// The <see cref="Exception.Message"/> is for logs only.
/// </summary>
public class DomainException(string code, params object?[] arguments) : Exception(ErrorCodes.Describe(code, arguments)), ICodedError
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Arguments { get; } = arguments;
}

/// <summary>An error the site words from a code and its arguments (DomainException and the site's own refusals).</summary>
public interface ICodedError
{
    string Code { get; }

    IReadOnlyList<object?> Arguments { get; }
}

/// <summary>An argument that is itself worded by the site (a field's name), not shown as it is.</summary>
public sealed record ErrorTerm(string Code, params object?[] Arguments);

/// <summary>
/// A session's state as the subject of a sentence (访谈已经取消 / the interview was cancelled), where a bare status name
/// (已取消, 文字实录) would not read: an argument the site words as a phrase, not as the status's name.
/// </summary>
public sealed record SessionState(Interviews.InterviewStatus Status);
