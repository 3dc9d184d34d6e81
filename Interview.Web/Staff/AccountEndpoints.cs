using Interview.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a form post (antiforgery-checked), never a link a page on another site could follow.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (
            HttpContext http, SignInManager<StaffUser> signIn, UserManager<StaffUser> users, SessionEndings endings, AuditTrail audit,
            Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            var actor = http.User.Actor(http.Connection.RemoteIpAddress?.ToString());
            // Deleting this browser's cookie is not enough (a copy of it would still work): a new security stamp ends
            // every sign-in of the account, cookies and API tokens alike.
            if (await users.GetUserAsync(http.User) is { } user)
            {
                await endings.EndAllAsync(users, user);
            }
            await signIn.SignOutAsync();
            if (actor.Id.Length > 0)
            {
                await audit.RecordAsync(actor, "auth.sign-out", $"staff/{actor.Id}", AuditTrail.Ok);
            }
            return Results.LocalRedirect("/account/sign-in");
        }).RequireAuthorization(StaffPolicies.SignedIn).DisableAntiforgery();

        app.MapGet("/admin/audit.csv", async (HttpContext http, AuditQuery audit, Hosting.SiteTime time,
            string? actor, string? action, string? target, string? from, string? to) =>
        {
            // The audit page's own filter, so the export is exactly what the page showed.
            var filter = new Components.Admin.Audit.AuditFilterInput(actor, action, target, from, to).ToFilter(time);
            var csv = await audit.CsvAsync(http.User.Actor(http.Connection.RemoteIpAddress?.ToString()), filter);
            return Results.File(csv, "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd}.csv");
        }).RequireAuthorization(StaffPolicies.Admin)
            // An account disabled since its token was issued is refused 403, like the API, not a 500.
            .AddEndpointFilter(Api.StaffEndpoints.TranslateErrors);
        return app;
    }
}
