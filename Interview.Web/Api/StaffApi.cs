using System.Security.Claims;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Interview.Web.Api;

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record PasswordResetRequest(string? TemporaryPassword);

public sealed record NewStaffRequest(string? Email, string? Password, string? DisplayName, string[]? Roles);

public sealed record NewColumnRequest(string? Name, string? Slug, string? Description, int? SortOrder);

public sealed record GuestRequest(string? Name, string? Title, string? Organization, string? Bio);

/// <summary>
/// A new session. <c>summary</c> is the contract's older name for the text the preview shows: without
/// <c>background</c> it is read as the background (a session is created before anything has been said).
/// </summary>
public sealed record NewInterviewRequest(
    int ColumnId, string? Title, string? Summary, DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, GuestRequest[]? Guests,
    string? Background = null, string? ReviewUnit = null);

/// <summary>Changes a session's texts; a field left out keeps its value. The summary may be written after the end and after publication.</summary>
public sealed record InterviewTextsRequest(string? Title, string? Background, string? Summary, string? ReviewUnit);

public sealed record TransitionRequest(string? To);

public sealed record CreatedId(string Id);

public sealed record CreatedColumn(int Id, string Slug);

public sealed record CreatedGuest(int Id, string Name, string Title, string Organization, string Bio);

public sealed record CreatedInterview(int Id, InterviewStatus Status, IReadOnlyList<CreatedGuest> Guests);

public sealed record StatusResponse(InterviewStatus Status);

/// <summary>A new rehearsal (彩排): its id and its private link (a site-relative URL).</summary>
public sealed record CreatedRehearsal(int Id, string Url);

/// <summary>Where a carried 预录 answer went: its seq in the real session, or the draft awaiting review.</summary>
public sealed record CarriedEntry(int? Seq, int? DraftId);

/// <summary>
/// The staff API (CONTRACT.md "Staff API"): a bearer token from <c>/auth/login</c>, then role-guarded endpoints.
/// Each action re-checks the caller's roles inside the service and is audited there.
/// </summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Staff").AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/auth/login", Login).AllowAnonymous()
            .WithSummary("Exchanges e-mail, password and (when enrolled) a TOTP code for a bearer token.");
        api.MapPost("/auth/logout", Logout).RequireAuthorization(StaffPolicies.SignedIn)
            .WithSummary("Ends the token's session and every other sign-in of the account (tokens and console cookies).");
        api.MapPost("/auth/password", ChangePassword).RequireAuthorization(StaffPolicies.SignedIn)
            .WithSummary("Changes the caller's own password; every sign-in of the account ends, this token too.");
        api.MapPost("/staff/{id}/password-reset", ForcePasswordReset).RequireAuthorization(StaffPolicies.Admin)
            .WithSummary("Forces a new password at the account's next sign-in, optionally from a temporary one; its sign-ins end (admin).");
        api.MapPost("/staff", CreateStaff).RequireAuthorization(StaffPolicies.Admin).WithSummary("Creates a staff account (admin).");
        api.MapPost("/columns", CreateColumn).RequireAuthorization(StaffPolicies.Admin).WithSummary("Creates a column (admin).");
        api.MapPost("/interviews", CreateInterview).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Creates a draft session with its guests (admin, host).");
        api.MapPatch("/interviews/{id:int}", UpdateTexts).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Changes the title, background (访谈背景), summary (访谈摘要) or reviewing unit (审核单位); fields left out keep their value. The summary stays writable after the end and after publication (admin, assigned host). Audited.");
        api.MapPost("/interviews/{id:int}/rehearsals", Rehearse).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Makes a private rehearsal copy (彩排) of a session still to come: title, background, guests and their photos, assignments, review setting; it starts scheduled and never appears in any public output; its private link shows it as the public would (admin, assigned host). Audited.");
        api.MapDelete("/interviews/{id:int}", DeleteRehearsal).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Wipes a rehearsal and everything in it (entries, questions, drafts, uploads); only the audit line stays. Any other session: 409 (admin, assigned host).");
        api.MapPost("/interviews/{id:int}/entries/{seq:int}/carry", CarryFromRehearsal).RequireAuthorization(StaffPolicies.Publish)
            .WithSummary("Carries a host's or guest's entry prepared in a rehearsal into the real session (live) as 预录, labelled so (the real session's host or typist). Audited.");
        api.MapPost("/interviews/{id:int}/transitions", Transition).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Moves a session along Draft → Scheduled → Live → Ended → Published, or cancels it before Live (admin, assigned host).");
        return app;
    }

    private static async Task<IResult> Login(
        LoginRequest body, StaffPasswordStep passwordStep, StaffSignInManager signIn, UserManager<StaffUser> users, AuditTrail audit,
        IOptions<InterviewOptions> options, HttpContext http)
    {
        // The same password step as the sign-in page: one answer for every wrong password, throttled per address.
        var check = await passwordStep.CheckAsync(body.Email, body.Password, http.Connection.RemoteIpAddress, "api");
        if (check.User is not { } user)
        {
            return check.Outcome switch
            {
                SignInOutcome.Throttled => StaffEndpoints.TooMany(http, check.RetryAfter ?? TimeSpan.FromMinutes(1)),
                SignInOutcome.LockedOut => StaffEndpoints.Failure(StatusCodes.Status423Locked, StaffSignIn.Message(SignInOutcome.LockedOut)),
                SignInOutcome.Disabled => StaffEndpoints.Failure(StatusCodes.Status401Unauthorized, Text.ErrorText.Word(Text.SiteErrorCodes.AccountDisabled)),
                _ => StaffEndpoints.Failure(StatusCodes.Status401Unauthorized, StaffPasswordStep.WrongCredentialsMessage),
            };
        }
        var actor = new StaffActor(user.Id, user.Email ?? "", http.Connection.RemoteIpAddress?.ToString());

        var multiFactor = false;
        if (user.TwoFactorEnabled)
        {
            var code = StaffSignIn.CleanCode(body.TwoFactorCode);
            if (code.Length == 0)
            {
                await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", "failed: two-factor code missing");
                return StaffEndpoints.Failure(StatusCodes.Status401Unauthorized, Text.ErrorText.Word(Text.SiteErrorCodes.TwoFactorCodeRequired));
            }
            // Each code works once (OneUseAuthenticatorTokenProvider); wrong ones count towards the account's lockout.
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", "failed: wrong two-factor code");
                return StaffEndpoints.Failure(StatusCodes.Status401Unauthorized, Text.ErrorText.Word(Text.SiteErrorCodes.TwoFactorCodeWrong));
            }
            multiFactor = true;
        }
        else if (options.Value.Security.RequireTwoFactor == true)
        {
            await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", "failed: two-factor not enrolled");
            return StaffEndpoints.Failure(StatusCodes.Status403Forbidden, Text.ErrorText.Word(Text.SiteErrorCodes.TwoFactorEnrolRequired));
        }

        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(actor, "auth.sign-in", $"staff/{user.Id}", AuditTrail.Ok, "api token");
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        Claim[] claims = multiFactor ? [new Claim(StaffPolicies.MultiFactorClaim, StaffPolicies.MultiFactorValue)] : [];
        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken}. The token carries the account's
        // security stamp; StaffBearerHandler refuses it once the stamp has changed.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        return Results.Empty;
    }

    /// <summary>Ends every sign-in of the caller's account: this token, its other tokens and its console cookies.</summary>
    private static async Task<IResult> Logout(UserManager<StaffUser> users, SessionEndings endings, AuditTrail audit, HttpContext http)
    {
        var actor = StaffEndpoints.Actor(http);
        var user = await users.FindByIdAsync(actor.Id) ?? throw new NotFoundException(Text.SiteErrorCodes.AccountNotFound);
        await endings.EndAllAsync(users, user);
        await audit.RecordAsync(actor, "auth.sign-out", $"staff/{user.Id}", AuditTrail.Ok, "api token");
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePassword(
        PasswordChangeRequest body, StaffPasswords passwords, UserManager<StaffUser> users, HttpContext http)
    {
        await passwords.ChangeOwnAsync(users, StaffEndpoints.Actor(http), http.Connection.RemoteIpAddress, body.CurrentPassword, body.NewPassword);
        return Results.NoContent();
    }

    private static async Task<IResult> ForcePasswordReset(string id, PasswordResetRequest? body, StaffPasswords passwords, HttpContext http)
    {
        await passwords.ForceResetAsync(StaffEndpoints.Actor(http), id, body?.TemporaryPassword);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateStaff(NewStaffRequest body, StaffAccounts accounts, HttpContext http)
    {
        var roles = new List<StaffRole>();
        foreach (var name in body.Roles ?? [])
        {
            if (!StaffRoles.TryParse(name, out var role))
            {
                throw new DomainException(Text.SiteErrorCodes.UnknownRole, name);
            }
            roles.Add(role);
        }
        var id = await accounts.CreateAsync(StaffEndpoints.Actor(http), new NewStaff(body.Email ?? "", body.Password ?? "", body.DisplayName ?? "", roles));
        return Results.Created($"/api/v1/staff/{id}", new CreatedId(id));
    }

    private static async Task<IResult> CreateColumn(NewColumnRequest body, ColumnAdmin columns, HttpContext http)
    {
        var column = await columns.CreateAsync(StaffEndpoints.Actor(http), new ColumnEdit(body.Name ?? "", body.Slug ?? "", body.Description, body.SortOrder ?? 0));
        return Results.Created($"/api/v1/columns/{column.Id}", new CreatedColumn(column.Id, column.Slug));
    }

    private static async Task<IResult> CreateInterview(NewInterviewRequest body, InterviewAdmin sessions, HttpContext http)
    {
        var guests = (body.Guests ?? []).Select(g => new GuestEdit(g.Name ?? "", g.Title, g.Organization, g.Bio)).ToList();
        var session = await sessions.CreateAsync(StaffEndpoints.Actor(http),
            new NewInterview(body.ColumnId, body.Title ?? "", body.Background ?? body.Summary, body.ScheduledStart, body.ScheduledEnd, guests,
                body.ReviewUnit));
        return Results.Created($"/api/v1/interviews/{session.Id}", new CreatedInterview(session.Id, session.Status,
            session.Guests.Select(g => new CreatedGuest(g.Id, g.Name, g.Position, g.Organization, g.Bio)).ToList()));
    }

    private static async Task<IResult> UpdateTexts(int id, InterviewTextsRequest body, InterviewAdmin sessions, HttpContext http)
    {
        var actor = StaffEndpoints.Actor(http);
        var session = await sessions.GetAsync(actor, id);
        await sessions.UpdateAsync(actor, id, new InterviewEdit(
            session.ColumnId, body.Title ?? session.Title, body.Summary ?? session.SummaryMarkdown, session.ScheduledStart,
            session.ScheduledEnd, body.Background ?? session.BackgroundMarkdown, body.ReviewUnit ?? session.ReviewUnit));
        return Results.NoContent();
    }

    private static async Task<IResult> Rehearse(int id, Rehearsals rehearsals, HttpContext http)
    {
        var rehearsal = await rehearsals.CreateAsync(StaffEndpoints.Actor(http), id);
        return Results.Created($"/api/v1/interviews/{rehearsal.Id}", new CreatedRehearsal(rehearsal.Id, Rehearsals.Url(rehearsal.Id, rehearsal.RehearsalToken!)));
    }

    private static async Task<IResult> DeleteRehearsal(int id, Rehearsals rehearsals, HttpContext http)
    {
        await rehearsals.DeleteAsync(StaffEndpoints.Actor(http), id);
        return Results.NoContent();
    }

    private static async Task<IResult> CarryFromRehearsal(int id, int seq, RehearsalCarry carry, HttpContext http)
    {
        var outcome = await carry.CarryAsync(StaffEndpoints.Actor(http), id, seq);
        return Results.Created((string?)null, new CarriedEntry(outcome.Entry?.Seq, outcome.Draft?.Id));
    }

    private static async Task<IResult> Transition(int id, TransitionRequest body, InterviewAdmin sessions, HttpContext http)
    {
        if (!Enum.TryParse<InterviewStatus>(body.To, ignoreCase: true, out var to) || int.TryParse(body.To, out _))
        {
            throw new DomainException(Text.SiteErrorCodes.UnknownTransitionStatus, body.To);
        }
        return Results.Ok(new StatusResponse(await sessions.TransitionAsync(StaffEndpoints.Actor(http), id, to)));
    }
}
