using Microsoft.Extensions.Localization;

namespace Interview.Web.Components.Admin.Audit;

/// <summary>The readable names of the action codes the site writes (Staff resources: AuditName + the code in PascalCase).</summary>
public static class AuditActionNames
{
    /// <summary>The name of <paramref name="code"/>, or null for a code the resources do not know.</summary>
    public static string? Of(IStringLocalizer localizer, string code)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(code);
        var key = "AuditName" + string.Concat(code.Split('.', '-').Select(part => part.Length == 0 ? "" : char.ToUpperInvariant(part[0]) + part[1..]));
        var name = localizer[key];
        return name.ResourceNotFound ? null : name.Value;
    }
}
