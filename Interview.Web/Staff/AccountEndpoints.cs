using Interview.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace Interview.Web.Staff;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a form post (antiforgery-checked), never a link a page on another site could follow.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (HttpContext http, SignInManager<StaffUser> signIn, AuditTrail audit) =>
        {
            var actor = http.User.Actor(http.Connection.RemoteIpAddress?.ToString());
            await signIn.SignOutAsync();
            if (actor.Id.Length > 0)
            {
                await audit.RecordAsync(actor, "auth.sign-out", $"staff/{actor.Id}", AuditTrail.Ok);
            }
            return Results.LocalRedirect("/account/sign-in");
        }).RequireAuthorization(StaffPolicies.SignedIn);
        return app;
    }
}
