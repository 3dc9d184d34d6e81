using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Media;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Admin;

public sealed record GuestEdit(string Name, string? Position, string? Organization, string? Bio);

/// <summary>A new session: described by its background (访谈背景); the summary comes after the session.</summary>
public sealed record NewInterview(
    int ColumnId, string Title, string? Background, DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd,
    IReadOnlyList<GuestEdit> Guests, string? ReviewUnit = null);

/// <summary>A session's description and times as staff edit them; the summary (访谈摘要) stays editable after the end and after publication.</summary>
public sealed record InterviewEdit(
    int ColumnId, string Title, string? Summary, DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd,
    string? Background = null, string? ReviewUnit = null);

public sealed record InterviewRow(int Id, string Title, string ColumnName, InterviewStatus Status, DateTimeOffset ScheduledStart, bool IsRehearsal = false);

public sealed record AssignmentRow(string StaffId, string Email, string DisplayName, StaffRole Role);

public sealed record InterviewDraft(
    int Id, int ColumnId, string Title, string SummaryMarkdown, DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd,
    InterviewStatus Status, IReadOnlyList<Guest> Guests, IReadOnlyList<AssignmentRow> Assignments,
    IReadOnlyList<InterviewStatus> NextStates, bool RequiresReview = false, string BackgroundMarkdown = "", string ReviewUnit = "",
    int? RehearsalOf = null, string? RehearsalToken = null, bool CanRehearse = false);

/// <summary>
/// Sessions as staff manage them: create, edit, guests, assignments and the lifecycle. Admins act on every session,
/// hosts on the sessions they are assigned to; the check is made again inside every action, and every action is
/// audited, refused moves included.
/// </summary>
public sealed class InterviewAdmin(
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    MarkdownRenderer renderer,
    ImageStore images,
    FollowUps.FollowUpSchedule followUps,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<InterviewRow>> ListAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.RunSessions);
        var roles = await permissions.RolesAsync(actor.Id);
        await using var db = await contexts.CreateDbContextAsync();
        var query = db.Interviews.AsNoTracking();
        if (!roles.Contains(StaffRole.Admin))
        {
            query = query.Where(i => i.Assignments.Any(a => a.StaffId == actor.Id));
        }
        return await query.OrderByDescending(i => i.ScheduledStart)
            .Join(db.Columns, i => i.ColumnId, c => c.Id, (i, c) => new InterviewRow(i.Id, i.Title, c.Name, i.Status, i.ScheduledStart, i.RehearsalOf != null))
            .ToListAsync();
    }

    public async Task<InterviewDraft> GetAsync(StaffActor actor, int id)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await LoadAsync(db, id);
        var assignments = await db.Assignments.Where(a => a.InterviewId == id)
            .Join(db.Users, a => a.StaffId, u => u.Id, (a, u) => new AssignmentRow(u.Id, u.Email ?? "", u.DisplayName, a.Role))
            .ToListAsync();
        return new InterviewDraft(session.Id, session.ColumnId, session.Title, session.SummaryMarkdown, session.ScheduledStart,
            session.ScheduledEnd, session.Status, session.Guests.OrderBy(g => g.SortOrder).ToList(), assignments, session.NextStates,
            session.RequiresReview, session.BackgroundMarkdown, session.ReviewUnit, session.RehearsalOf, session.RehearsalToken, session.CanRehearse);
    }

    public async Task<InterviewSession> CreateAsync(StaffActor actor, NewInterview request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await permissions.EnsureAsync(actor, StaffCapability.RunSessions);
        await using var db = await contexts.CreateDbContextAsync();
        await EnsureColumnAsync(db, request.ColumnId);
        var now = clock.GetUtcNow();
        var session = InterviewSession.Create(request.ColumnId, request.Title, renderer.Render(request.Background),
            request.ScheduledStart, request.ScheduledEnd, now);
        session.NameReviewUnit(request.ReviewUnit, now);
        foreach (var guest in request.Guests ?? [])
        {
            session.AddGuest(guest.Name, guest.Position, guest.Organization, guest.Bio, now);
        }
        var roles = await permissions.RolesAsync(actor.Id);
        if (!roles.Contains(StaffRole.Admin))
        {
            // A host who creates a session runs it.
            session.Assign(actor.Id, StaffRole.Host);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        audit.Add(db, actor, "interview.create", Target(session.Id), $"{session.Title}; {session.Guests.Count} guests");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return session;
    }

    public async Task UpdateAsync(StaffActor actor, int id, InterviewEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await ChangeAsync(actor, id, "interview.update", async (db, session, now) =>
        {
            if (edit.ColumnId != session.ColumnId)
            {
                await EnsureColumnAsync(db, edit.ColumnId);
                session.MoveToColumn(edit.ColumnId, now);
            }
            session.Describe(edit.Title, renderer.Render(edit.Background), renderer.Render(edit.Summary), now);
            session.NameReviewUnit(edit.ReviewUnit, now);
            if (edit.ScheduledStart != session.ScheduledStart || edit.ScheduledEnd != session.ScheduledEnd)
            {
                session.Reschedule(edit.ScheduledStart, edit.ScheduledEnd, now);
            }
            return session.Title;
        });
    }

    public async Task<Guest> AddGuestAsync(StaffActor actor, int id, GuestEdit guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        Guest? added = null;
        await ChangeAsync(actor, id, "interview.guest.add", (_, session, now) =>
        {
            added = session.AddGuest(guest.Name, guest.Position, guest.Organization, guest.Bio, now);
            return Task.FromResult(guest.Name);
        });
        return added!;
    }

    public async Task UpdateGuestAsync(StaffActor actor, int id, int guestId, GuestEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await ChangeAsync(actor, id, "interview.guest.update", (_, session, now) =>
        {
            var guest = session.Guests.SingleOrDefault(g => g.Id == guestId) ?? throw new NotFoundException(Text.SiteErrorCodes.GuestNotFound);
            guest.Update(edit.Name, edit.Position, edit.Organization, edit.Bio);
            session.Touch(now);
            return Task.FromResult($"guest/{guestId} {edit.Name}");
        });
    }

    /// <summary>Removes the guest; their photo is deleted once that is saved.</summary>
    public async Task RemoveGuestAsync(StaffActor actor, int id, int guestId)
    {
        string? photo = null;
        await ChangeAsync(actor, id, "interview.guest.remove", (_, session, now) =>
        {
            photo = session.Guests.SingleOrDefault(g => g.Id == guestId)?.PhotoUrl;
            session.RemoveGuest(guestId, now);
            return Task.FromResult($"guest/{guestId}");
        });
        images.Delete(photo);
    }

    /// <summary>Stores the photo (decoded and re-encoded) and shows it for the guest; the photo it replaces is deleted.</summary>
    public async Task<string> SetGuestPhotoAsync(StaffActor actor, int id, int guestId, Stream photo)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        var url = await images.SaveAsync(photo, "guests");
        try
        {
            var replaced = await ChangePhotoAsync(actor, id, guestId, url);
            images.Delete(replaced);
        }
        catch
        {
            // Not saved: the new file would belong to nobody.
            images.Delete(url);
            throw;
        }
        return url;
    }

    /// <summary>Takes the guest's photo away (the default silhouette shows) and deletes the file.</summary>
    public async Task RemoveGuestPhotoAsync(StaffActor actor, int id, int guestId) =>
        images.Delete(await ChangePhotoAsync(actor, id, guestId, null));

    /// <summary>Sets or clears the guest's photo; returns the URL it had before.</summary>
    private async Task<string?> ChangePhotoAsync(StaffActor actor, int id, int guestId, string? url)
    {
        string? before = null;
        await ChangeAsync(actor, id, "interview.guest.photo", (_, session, now) =>
        {
            var guest = session.Guests.SingleOrDefault(g => g.Id == guestId) ?? throw new NotFoundException(Text.SiteErrorCodes.GuestNotFound);
            before = guest.PhotoUrl;
            guest.SetPhoto(url);
            session.Touch(now);
            return Task.FromResult($"guest/{guestId} {url ?? "removed"}");
        });
        return before == url ? null : before;
    }

    /// <summary>Assigns a host, typist or reviewer (admins only); the account must hold that role.</summary>
    public async Task AssignAsync(StaffActor actor, int id, string staffId, StaffRole role)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        if (!(await permissions.RolesAsync(staffId)).Contains(role))
        {
            throw new DomainException(Text.SiteErrorCodes.StaffLacksRole, role);
        }
        await ChangeAsync(actor, id, "interview.assign", (_, session, _) =>
        {
            session.Assign(staffId, role);
            return Task.FromResult($"{role.Name()} staff/{staffId}");
        });
    }

    public async Task UnassignAsync(StaffActor actor, int id, string staffId, StaffRole role)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await ChangeAsync(actor, id, "interview.unassign", (_, session, _) =>
        {
            session.Unassign(staffId, role);
            return Task.FromResult($"{role.Name()} staff/{staffId}");
        });
    }

    /// <summary>Switches two-key review (政策关) for the session's guest answers.</summary>
    public async Task SetReviewAsync(StaffActor actor, int id, bool required)
    {
        await ChangeAsync(actor, id, "interview.review", (_, session, now) =>
        {
            session.RequireReview(required, now);
            return Task.FromResult(required ? "two-key review on" : "two-key review off");
        });
    }

    /// <summary>
    /// Moves the session along its lifecycle; an illegal move is refused (and audited as refused). Ending it makes its
    /// approved, unanswered questions follow-ups (会后答复) in the same transaction.
    /// </summary>
    public async Task<InterviewStatus> TransitionAsync(StaffActor actor, int id, InterviewStatus to)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var session = await LoadAsync(db, id);
            var from = session.Status;
            var now = clock.GetUtcNow();
            try
            {
                session.TransitionTo(to, now);
            }
            catch (DomainException refused)
            {
                // The audit log is kept in the site's language (zh-CN), whoever's culture the request had.
                await audit.RecordAsync(actor, "interview.transition", Target(id), Text.ErrorText.Of(refused, Text.SiteCultures.Neutral), $"{from.Name()} -> {to.Name()}");
                throw new ConflictException(refused.Code, [.. refused.Arguments]);
            }
            var details = $"{from.Name()} -> {to.Name()}";
            if (session.Status == InterviewStatus.Ended)
            {
                details += $"; {await followUps.OpenAsync(db, id, session.EndedAt ?? now)} follow-ups";
            }
            audit.Add(db, actor, "interview.transition", Target(id), details);
            try
            {
                // Publishing puts the session into the search index in the same transaction.
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // An entry was published or a question answered meanwhile: read again, so none is left out or misfiled.
                continue;
            }
            return session.Status;
        }
    }

    /// <summary>Loads the session, lets <paramref name="change"/> work on it, and saves it with one audit line.</summary>
    private async Task ChangeAsync(
        StaffActor actor, int id, string action, Func<InterviewDbContext, InterviewSession, DateTimeOffset, Task<string>> change)
    {
        await permissions.EnsureForSessionAsync(actor, id, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await LoadAsync(db, id);
        var details = await change(db, session, clock.GetUtcNow());
        audit.Add(db, actor, action, Target(id), details);
        await db.SaveChangesAsync();
    }

    private static async Task<InterviewSession> LoadAsync(InterviewDbContext db, int id) =>
        await db.Interviews.Include(i => i.Assignments).SingleOrDefaultAsync(i => i.Id == id)
        ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, id);

    private static async Task EnsureColumnAsync(InterviewDbContext db, int columnId)
    {
        if (!await db.Columns.AnyAsync(c => c.Id == columnId))
        {
            throw new NotFoundException(Text.SiteErrorCodes.ColumnIdNotFound, columnId);
        }
    }

    private static string Target(int id) => $"interview/{id}";
}

public static class InterviewStatusNames
{
    /// <summary>The state's name in the API: draft, scheduled, live, ended, published, cancelled.</summary>
    public static string Name(this InterviewStatus status) => status.ToString().ToLowerInvariant();
}
