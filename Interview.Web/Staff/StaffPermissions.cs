using Interview.Domain;
using Interview.Domain.Staff;
using Interview.Web.Data;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Staff;

/// <summary>A privileged action was refused: the actor lacks the role, or the session is not theirs.</summary>
public sealed class StaffForbiddenException(string code, params object?[] arguments)
    : Exception(ErrorCodes.Describe(code, arguments)), ICodedError
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Arguments { get; } = arguments;
}

/// <summary>Something named in a request does not exist.</summary>
public sealed class NotFoundException(string code, params object?[] arguments)
    : Exception(ErrorCodes.Describe(code, arguments)), ICodedError
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Arguments { get; } = arguments;
}

/// <summary>
/// Checks, inside every privileged action, what the acting account may do now, from the database rather than from
/// the claims it signed in with: a demoted or disabled account loses its powers at once.
/// </summary>
public sealed class StaffPermissions(IDbContextFactory<InterviewDbContext> contexts)
{
    public async Task<IReadOnlySet<StaffRole>> RolesAsync(string staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Users.Where(u => u.Id == staffId).Select(u => new { u.IsDisabled }).SingleOrDefaultAsync(cancellationToken);
        if (account is null || account.IsDisabled)
        {
            return new HashSet<StaffRole>();
        }
        var names = await db.UserRoles.Where(ur => ur.UserId == staffId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return names.Select(n => StaffRoles.TryParse(n, out var role) ? (StaffRole?)role : null)
            .OfType<StaffRole>().ToHashSet();
    }

    /// <summary>The sessions the actor is assigned to in one of <paramref name="anyOf"/>.</summary>
    public async Task<IReadOnlySet<int>> AssignedSessionsAsync(StaffActor actor, params StaffRole[] anyOf)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Assignments.Where(a => a.StaffId == actor.Id && anyOf.Contains(a.Role)).Select(a => a.InterviewId).ToListAsync()).ToHashSet();
    }

    /// <summary>Throws unless the actor holds a role the table gives <paramref name="capability"/>.</summary>
    public Task EnsureAsync(StaffActor actor, StaffCapability capability) =>
        EnsureAsync(actor, [.. capability.RolesFor()]);

    /// <summary>Throws unless the actor holds one of <paramref name="anyOf"/>.</summary>
    public async Task EnsureAsync(StaffActor actor, params StaffRole[] anyOf)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = await RolesAsync(actor.Id);
        if (!anyOf.Any(roles.Contains))
        {
            throw new StaffForbiddenException(SiteErrorCodes.RolesRequired, (IReadOnlyList<StaffRole>)anyOf);
        }
    }

    /// <summary>
    /// Throws unless the actor is an admin, or holds one of <paramref name="anyOf"/> and is assigned to the session in it.
    /// A role that is not assigned per session (moderator) holds for every session, as it does everywhere else.
    /// </summary>
    public async Task EnsureForSessionAsync(StaffActor actor, int interviewId, params StaffRole[] anyOf)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(anyOf);
        var roles = await RolesAsync(actor.Id);
        if (roles.Contains(StaffRole.Admin) || anyOf.Any(r => !r.IsAssignedPerSession() && roles.Contains(r)))
        {
            return;
        }
        var held = anyOf.Where(roles.Contains).ToList();
        var names = new RoleChoice(anyOf);
        if (held.Count == 0)
        {
            throw new StaffForbiddenException(SiteErrorCodes.AdminOrAssignedRequired, StaffRole.Admin, names);
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.Assignments.AnyAsync(a => a.InterviewId == interviewId && a.StaffId == actor.Id && held.Contains(a.Role)))
        {
            throw new StaffForbiddenException(SiteErrorCodes.NotAssigned, names);
        }
    }
}
