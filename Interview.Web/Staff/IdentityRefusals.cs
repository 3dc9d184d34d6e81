using Interview.Domain;
using Interview.Web.Text;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

/// <summary>
/// Identity's refusals (worded by <see cref="StaffIdentityErrors"/>) as one error the person can act on, with a code that
/// says which field it concerns, so that a form can tie the message to that field: the e-mail (taken, invalid), the
/// password (too short, too simple), or neither.
/// </summary>
public static class IdentityRefusals
{
    public static void Check(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            return;
        }
        var codes = result.Errors.Select(e => e.Code).ToList();
        var code = codes.All(c => c.StartsWith("Password", StringComparison.Ordinal)) ? SiteErrorCodes.IdentityPasswordRefused
            : codes.All(c => c is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName") ? SiteErrorCodes.IdentityEmailRefused
            : SiteErrorCodes.IdentityRefused;
        throw new DomainException(code, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
