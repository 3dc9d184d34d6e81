using Interview.Domain.Screening;
using Interview.Domain.Staff;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Web.Components.Admin;

/// <summary>Names the consoles show for the staff-only enums (roles, kinds of personal data), from the <c>Staff</c> resources.</summary>
public static class StaffText
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>
    /// Resources for static helpers that components and their code-behind share (ModerationText): the same resources
    /// an injected localizer reads, in the current UI culture of the call.
    /// </summary>
    public static IStringLocalizer<T> Static<T>() => new StringLocalizer<T>(Factory);

    public static string Role(this IStringLocalizer<Resources.Staff> text, StaffRole role) =>
        Enum.IsDefined(role) ? text[$"Role{role}"] : role.ToString();

    public static string PersonalData(this IStringLocalizer<Resources.Staff> text, PersonalDataKind kind) =>
        Enum.IsDefined(kind) ? text[$"PersonalData{kind}"] : kind.ToString();
}
