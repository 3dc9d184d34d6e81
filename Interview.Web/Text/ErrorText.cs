using System.Globalization;
using System.Resources;
using Interview.Domain;
using Interview.Domain.Staff;

namespace Interview.Web.Text;

/// <summary>
/// The one step that words an error for a reader: the code's sentence from Resources/Errors in the current culture,
/// its arguments worded too (statuses and roles by <see cref="DisplayNames"/>, <see cref="ErrorTerm"/>s by their own
/// code). Every page, console and API response that shows an error's message shows this.
/// </summary>
public static class ErrorText
{
    private static readonly ResourceManager Errors = new(typeof(Resources.Errors));

    /// <summary>What to show for <paramref name="error"/>: a coded error worded, anything else's own message.</summary>
    public static string Of(Exception error, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ICodedError coded ? Word(coded.Code, coded.Arguments, culture) : error.Message;
    }

    public static string Word(string code, params object?[] arguments) => Word(code, arguments, null);

    /// <summary>The sentence of <paramref name="code"/> with its arguments; an unknown code shows itself.</summary>
    public static string Word(string code, IReadOnlyList<object?> arguments, CultureInfo? culture)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(arguments);
        var ui = culture ?? CultureInfo.CurrentUICulture;
        var format = Errors.GetString(code, ui) ?? code;
        return arguments.Count == 0 ? format : string.Format(ui, format, [.. arguments.Select(a => Argument(a, ui))]);
    }

    /// <summary>
    /// The title of a problem+json response with this status in the current culture, or null for a status without one
    /// (the framework's default stays).
    /// </summary>
    public static string? ProblemTitle(int status) => Errors.GetString($"ProblemTitle{status}", CultureInfo.CurrentUICulture);

    private static object? Argument(object? argument, CultureInfo culture) => argument switch
    {
        ErrorTerm term => Word(term.Code, term.Arguments, culture),
        RoleChoice choice => DisplayNames.AnyOfRoles(choice.Roles, culture),
        SessionState state => DisplayNames.StatePhrase(state.Status, culture),
        Enum value => DisplayNames.Of(value, culture),
        IEnumerable<StaffRole> roles => DisplayNames.Roles(roles, culture),
        // A moment in an error (who decided first, and when) is stated in UTC, as the log has it.
        DateTimeOffset at => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        _ => argument,
    };
}

/// <summary>An error's argument naming roles of which any one would do: 主持人或录入员 / host or typist.</summary>
public sealed record RoleChoice(IReadOnlyList<StaffRole> Roles);
