using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Interview.Web.Staff;

/// <summary>Identity's messages worded from the Account resources in the request's culture, for the consoles and the API.</summary>
public sealed class StaffIdentityErrors(IStringLocalizer<Resources.Account> text) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = text["IdentityDuplicateEmail", email] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = text["IdentityDuplicateUserName", userName] };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = text["IdentityInvalidEmail", email ?? ""] };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = text["IdentityInvalidUserName", userName ?? ""] };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = text["IdentityPasswordTooShort", length] };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = text["IdentityPasswordRequiresDigit"] };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = text["IdentityPasswordRequiresLower"] };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = text["IdentityPasswordRequiresUpper"] };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = text["IdentityPasswordRequiresNonAlphanumeric"] };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = text["IdentityPasswordRequiresUniqueChars", uniqueChars] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = text["IdentityPasswordMismatch"] };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = text["IdentityUserAlreadyInRole", role] };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = text["IdentityUserNotInRole", role] };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = text["IdentityUserLockoutNotEnabled"] };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = text["IdentityConcurrencyFailure"] };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = text["IdentityDefaultError"] };
}
