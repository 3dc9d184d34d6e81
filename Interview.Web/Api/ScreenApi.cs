using Interview.Web.Live;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interview.Web.Api;

public sealed record ScreenLinkResponse(string Url);

/// <summary>The question the host puts on the studio screen; null goes back to following the session.</summary>
public sealed record ScreenPinRequest(int? QuestionId);

/// <summary>
/// The studio big screen and broadcast overlay (CONTRACT.md "Live day"): staff make, replace and revoke its link and
/// choose what it shows; the screen itself reads <c>/screen/{token}</c> and its state, with no account.
/// </summary>
public static class ScreenApi
{
    public static IEndpointRouteBuilder MapScreenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Live").AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/interviews/{id:int}/screen-link", NewLink).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("A new read-only link to the studio big screen (admin, the session's hosts): 201 with its url; the previous link stops working. Add ?overlay=1 for the broadcast overlay (transparent background). Audited.");
        api.MapDelete("/interviews/{id:int}/screen-link", Revoke).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Revokes the screen link: it answers 404 from now on. Audited.");
        api.MapPut("/interviews/{id:int}/screen", Pin).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Puts an approved question on the screen ({questionId}), or ({questionId: null}) follows the session: the question last put to the guests. Screens update at once. Audited.");

        var screen = app.MapGroup("/screen").AllowAnonymous();
        screen.MapGet("/{token}/state", State).ExcludeFromDescription();
        return app;
    }

    private static async Task<Created<ScreenLinkResponse>> NewLink(int id, StudioScreens screens, HttpContext http)
    {
        var url = StudioScreens.Url(await screens.NewLinkAsync(StaffEndpoints.Actor(http), id));
        return TypedResults.Created(url, new ScreenLinkResponse(url));
    }

    private static async Task<NoContent> Revoke(int id, StudioScreens screens, HttpContext http)
    {
        await screens.RevokeAsync(StaffEndpoints.Actor(http), id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok> Pin(int id, ScreenPinRequest body, StudioScreens screens, HttpContext http)
    {
        await screens.PinAsync(StaffEndpoints.Actor(http), id, body.QuestionId);
        return TypedResults.Ok();
    }

    /// <summary>What the screen shows now, for its script to fetch when the session changes.</summary>
    private static async Task<Results<Ok<ScreenView>, NotFound>> State(string token, StudioScreens screens) =>
        await screens.ViewAsync(token) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
}
