using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

/// <summary>
/// Refuses the passwords people pick most (Data/common-passwords.txt, from SecLists: see Data/README.md), ignoring case,
/// and a listed word with only digits and symbols after it (Qwertyuiop123): the length and character rules alone let
/// "Password1234" through. An Identity validator, so creation, bootstrap, change and reset all go through it.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<StaffUser>
{
    public const string Resource = "Interview.Web.Staff.Data.common-passwords.txt";
    private const int ShortestListedBase = 4;

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(IsCommon(password ?? "")
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = AccountText.Get("PasswordTooCommon") })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        var folded = password.Trim().ToLowerInvariant();
        var stem = folded.TrimEnd(Suffix);
        return List.Value.Contains(folded) || (stem.Length >= ShortestListedBase && List.Value.Contains(stem));
    }

    public static int Count => List.Value.Count;

    private static readonly char[] Suffix = [.. "0123456789!@#$%^&*()-_=+.,;:?~`'\"[]{}<>/\\| "];

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                words.Add(word.ToLowerInvariant());
            }
        }
        return words;
    }
}
