using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Web.Admin;
using Interview.Web.Live;
using Interview.Web.Staff;

namespace Interview.Web.Api;

public sealed record EntryRequestBody(string? Kind, string? Markdown, int? GuestId, int? QuestionId, bool? Prepared, string? PhotoUrl = null, string? Caption = null);

public sealed record CorrectionRequest(string? Markdown, string? Note);

public sealed record ReviewSetting(bool Required);

public sealed record SendBackRequest(string? Comment);

public sealed record DraftDto(int Id, DraftStatus Status, EntryKind Kind, string Speaker, string Markdown, string Html,
    string Author, DateTimeOffset SubmittedAt, string? Reviewer, string ReviewComment, int? PublishedSeq,
    int? CorrectsSeq = null, string? CorrectionNote = null);

/// <summary>Publishing during a session through the API (CONTRACT.md): entries, corrections, two-key review.</summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapScreenApi();
        var api = app.MapGroup("/api/v1").WithTags("Live").AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/interviews/{id:int}/entries", Publish).RequireAuthorization(StaffPolicies.Publish)
            .WithSummary("Publishes an entry (host remarks, a question put to the guests, a note; guests' answers by typists), or submits a guest's answer for review where two-key review is on.");
        api.MapPost("/interviews/{id:int}/photos", SavePhoto).RequireAuthorization(StaffPolicies.Publish)
            .WithSummary("Stores a photo for 图文直播 (the request body: JPEG, PNG, GIF or WebP, at most 5 MB; re-encoded, metadata dropped): 201 with its URL, for an entry's Markdown.");
        api.MapPost("/interviews/{id:int}/entries/{seq:int}/corrections", Correct).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Corrects a published entry (勘误): it keeps its seq, viewers receive it again, the earlier wording is kept. A guest's words under two-key review: 202 with a draft that the reviewer approves first.");
        api.MapPut("/interviews/{id:int}/review", SetReview).RequireAuthorization(StaffPolicies.Sessions)
            .WithSummary("Switches two-key review (政策关) of guests' answers on or off for the session.");
        api.MapGet("/interviews/{id:int}/drafts", Drafts).RequireAuthorization(StaffPolicies.Review)
            .WithSummary("Drafts awaiting review or sent back (assigned reviewers and typists).");
        api.MapPost("/drafts/{draftId:int}/approve", Approve).RequireAuthorization(StaffPolicies.Review)
            .WithSummary("The reviewer publishes the draft as the next entry (a correction draft: corrects its entry, same seq).");
        api.MapPost("/drafts/{draftId:int}/send-back", SendBack).RequireAuthorization(StaffPolicies.Review)
            .WithSummary("The reviewer returns the draft to the typist with a comment.");
        return app;
    }

    private static async Task<IResult> Publish(int id, EntryRequestBody body, LivePublisher publisher, PublicApiMapper map, HttpContext http)
    {
        if (string.Equals(body.Kind, "photo", StringComparison.OrdinalIgnoreCase))
        {
            // 图文直播: a stored photo and its caption become a host's entry (kind "host" in the answer).
            var photo = await publisher.PublishPhotoAsync(StaffEndpoints.Actor(http), id, body.PhotoUrl, body.Caption);
            return Results.Created(photo.Entry!.Url, map.Entry(photo.Entry));
        }
        if (!Enum.TryParse<EntryKind>(body.Kind, ignoreCase: true, out var kind) || int.TryParse(body.Kind, out _))
        {
            throw new DomainException(Text.SiteErrorCodes.UnknownEntryKind, body.Kind);
        }
        var outcome = await publisher.PublishAsync(StaffEndpoints.Actor(http), id,
            new EntryRequest(kind, body.Markdown, body.GuestId, body.QuestionId, body.Prepared ?? false));
        return outcome.Entry is { } entry
            ? Results.Created(entry.Url, map.Entry(entry))
            : Results.Created($"/api/v1/interviews/{id}/drafts", Draft(outcome.Draft!));
    }

    private static async Task<IResult> SavePhoto(int id, LivePublisher publisher, HttpContext http)
    {
        var url = await publisher.SavePhotoAsync(StaffEndpoints.Actor(http), id, http.Request.Body);
        return Results.Created(url, new PhotoResponse(url));
    }

    /// <summary>200 with the corrected entry, or (a guest's words under two-key review) 202 with the correction's draft.</summary>
    private static async Task<IResult> Correct(int id, int seq, CorrectionRequest body, LivePublisher publisher, PublicApiMapper map, HttpContext http)
    {
        var outcome = await publisher.CorrectAsync(StaffEndpoints.Actor(http), id, seq, body.Markdown, body.Note);
        return outcome.Entry is { } entry
            ? Results.Ok(map.Entry(entry))
            : Results.Accepted($"/api/v1/interviews/{id}/drafts", Draft(outcome.Draft!));
    }

    private static async Task<IResult> SetReview(int id, ReviewSetting body, InterviewAdmin sessions, HttpContext http)
    {
        await sessions.SetReviewAsync(StaffEndpoints.Actor(http), id, body.Required);
        return Results.Ok(body);
    }

    private static async Task<IResult> Drafts(int id, LivePublisher publisher, HttpContext http) =>
        Results.Ok(new ItemsResponse<DraftDto>((await publisher.DraftsAsync(StaffEndpoints.Actor(http), id)).Select(Draft).ToList()));

    private static async Task<IResult> Approve(int draftId, LivePublisher publisher, PublicApiMapper map, HttpContext http) =>
        Results.Ok(map.Entry(await publisher.ApproveDraftAsync(StaffEndpoints.Actor(http), draftId)));

    private static async Task<IResult> SendBack(int draftId, SendBackRequest body, LivePublisher publisher, HttpContext http)
    {
        await publisher.SendBackDraftAsync(StaffEndpoints.Actor(http), draftId, body.Comment);
        return Results.Ok();
    }

    private static DraftDto Draft(EntryDraft d) => new(d.Id, d.Status, d.Kind, d.Speaker, d.Markdown, d.Html, d.Author,
        d.SubmittedAt, d.Reviewer, d.ReviewComment, d.PublishedSeq, d.CorrectsSeq, d.IsCorrection ? d.CorrectionNote : null);
}

public sealed record PhotoResponse(string Url);
