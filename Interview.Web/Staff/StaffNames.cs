using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Staff;

/// <summary>
/// Staff as people read them: by display name. Rows record who acted by e-mail (audit lines, moderation decisions,
/// drafts, word lists) or by account id (assignments, audit targets); a console looks all of a page's up in one query
/// here instead of showing addresses, and the stored rows stay as they were.
/// </summary>
public sealed class StaffNames(IDbContextFactory<InterviewDbContext> contexts)
{
    /// <summary>The display names of the accounts with these e-mail addresses or ids, in one query.</summary>
    public async Task<StaffNameBook> LookUpAsync(IEnumerable<string?> emailsOrIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emailsOrIds);
        var keys = emailsOrIds.OfType<string>().Where(k => k.Length > 0).Distinct().ToList();
        if (keys.Count == 0)
        {
            return StaffNameBook.Empty;
        }
        var upper = keys.Select(k => k.ToUpperInvariant()).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => keys.Contains(u.Id) || upper.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName;
            names[user.Id] = name;
            if (user.Email is { } email)
            {
                names[email] = name;
            }
        }
        return new StaffNameBook(names);
    }

    /// <summary>One account's display name (its e-mail when it has none; the key itself when no account has it).</summary>
    public async Task<string> NameOfAsync(string emailOrId, CancellationToken cancellationToken = default) =>
        (await LookUpAsync([emailOrId], cancellationToken)).Of(emailOrId);
}

/// <summary>Display names found by <see cref="StaffNames.LookUpAsync"/>, by e-mail or account id.</summary>
public sealed class StaffNameBook(IReadOnlyDictionary<string, string> names)
{
    public static StaffNameBook Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>The display name, or what was stored when no account matches (a deleted account, "system").</summary>
    public string Of(string? emailOrId) =>
        emailOrId is null ? "" : names.TryGetValue(emailOrId, out var name) ? name : emailOrId;

    /// <summary>Whether the key names an account, so a page can tell a person from a stored word such as "system".</summary>
    public bool Knows(string? emailOrId) => emailOrId is not null && names.ContainsKey(emailOrId);
}
