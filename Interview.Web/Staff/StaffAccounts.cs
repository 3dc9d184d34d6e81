using Interview.Domain;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Staff;

public sealed record NewStaff(string Email, string Password, string DisplayName, IReadOnlyCollection<StaffRole> Roles);

public sealed record StaffSummary(
    string Id, string Email, string DisplayName, IReadOnlyList<StaffRole> Roles, bool IsDisabled, bool TwoFactorEnabled,
    DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt);

/// <summary>
/// Staff accounts: create, change roles, disable, reset two-factor. Admin only, re-checked on every call; each change
/// is audited. There is no public sign-up: accounts come from here or from the bootstrap setting.
/// </summary>
public sealed class StaffAccounts(
    IServiceScopeFactory scopes,
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    SessionEndings endings,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffSummary>> ListAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync();
        return users.Select(u => new StaffSummary(
            u.Id, u.Email ?? "", u.DisplayName,
            roles.Where(r => r.UserId == u.Id && StaffRoles.TryParse(r.Name, out _))
                .Select(r => { StaffRoles.TryParse(r.Name, out var role); return role; }).Order().ToList(),
            u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd > clock.GetUtcNow() ? u.LockoutEnd : null, u.CreatedAt)).ToList();
    }

    public async Task<string> CreateAsync(StaffActor actor, NewStaff request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        var id = await CreateUncheckedAsync(request);
        await audit.RecordAsync(actor, "staff.create", $"staff/{id}", AuditTrail.Ok,
            $"{request.Email} [{string.Join(",", request.Roles.Select(r => r.Name()))}]");
        return id;
    }

    /// <summary>Creates the first admin from configuration when no staff account exists yet.</summary>
    internal async Task<string?> BootstrapAsync(string? email, string? password)
    {
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.Users.AnyAsync())
            {
                return null;
            }
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return null;
        }
        var id = await CreateUncheckedAsync(new NewStaff(email, password, "管理员", [StaffRole.Admin]));
        await audit.RecordAsync(StaffActor.System, "staff.bootstrap", $"staff/{id}", AuditTrail.Ok, email);
        return id;
    }

    public async Task SetRolesAsync(StaffActor actor, string staffId, IReadOnlyCollection<StaffRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        if (staffId == actor.Id && !roles.Contains(StaffRole.Admin))
        {
            throw new DomainException(Text.SiteErrorCodes.CannotDropOwnAdmin);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new NotFoundException(Text.SiteErrorCodes.StaffNotFound);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var wanted = roles.Select(r => r.Name()).ToHashSet(StringComparer.Ordinal);
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        // A new stamp ends every sign-in of the account: it signs in again with its new roles.
        await endings.EndAllAsync(users, user);
        await audit.RecordAsync(actor, "staff.roles", $"staff/{staffId}", AuditTrail.Ok,
            $"{string.Join(",", current.Order())} -> {string.Join(",", wanted.Order())}");
    }

    public async Task SetDisabledAsync(StaffActor actor, string staffId, bool disabled)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        if (staffId == actor.Id && disabled)
        {
            throw new DomainException(Text.SiteErrorCodes.CannotDisableSelf);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new NotFoundException(Text.SiteErrorCodes.StaffNotFound);
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        await endings.EndAllAsync(users, user);
        await audit.RecordAsync(actor, disabled ? "staff.disable" : "staff.enable", $"staff/{staffId}", AuditTrail.Ok, user.Email);
    }

    /// <summary>Turns two-factor off and forgets the authenticator key, so the person enrols again at the next sign-in.</summary>
    public async Task ResetTwoFactorAsync(StaffActor actor, string staffId)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new NotFoundException(Text.SiteErrorCodes.StaffNotFound);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await endings.EndAllAsync(users, user);
        await audit.RecordAsync(actor, "auth.two-factor.reset", $"staff/{staffId}", AuditTrail.Ok, user.Email);
    }

    private async Task<string> CreateUncheckedAsync(NewStaff request)
    {
        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            throw new DomainException(Text.SiteErrorCodes.EmailInvalid);
        }
        if (request.Roles.Count == 0)
        {
            throw new DomainException(Text.SiteErrorCodes.RoleRequiredOne);
        }
        var displayName = UnicodeText.Clean(request.DisplayName) is { Length: > 0 } cleaned ? cleaned : email;
        if (displayName.Length > StaffUser.MaxDisplayNameLength)
        {
            throw new DomainException(Text.SiteErrorCodes.DisplayNameTooLong, StaffUser.MaxDisplayNameLength);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, request.Password ?? ""));
        Check(await users.AddToRolesAsync(user, request.Roles.Distinct().Select(r => r.Name())));
        return user.Id;
    }

    /// <summary>Turns Identity's errors into one message the person can act on.</summary>
    /// <summary>Turns Identity's errors into one message the person can act on (<see cref="IdentityRefusals"/>).</summary>
    private static void Check(IdentityResult result) => IdentityRefusals.Check(result);
}
