using Interview.Domain;
using Interview.Web.FollowUps;
using Interview.Web.Hosting;
using Interview.Web.Staff;

namespace Interview.Web.Api;

public sealed record FollowUpDto(
    int QuestionId, int InterviewId, string InterviewTitle, string Nickname, string Text, DateTimeOffset DueAt, bool Overdue,
    DateTimeOffset? AnsweredAt, string? AnswerUrl);

/// <summary>The follow-up board for scripts and reports: what is open, overdue or answered (会后答复).</summary>
public static class FollowUpApi
{
    public static IEndpointRouteBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Follow-ups").AddEndpointFilter(StaffEndpoints.TranslateErrors)
            .MapGet("/followups", List).RequireAuthorization(StaffPolicies.Publish)
            .WithSummary("Follow-ups (会后答复) of the sessions the caller works on (admin: all; host, typist: assigned), state=open (default; overdue included, soonest due first) | overdue | answered (latest first).");
        return app;
    }

    private static async Task<IResult> List(string? state, FollowUpBoard board, SiteTime time, HttpContext http)
    {
        var filter = state?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => FollowUpFilter.Open,
            "overdue" => FollowUpFilter.Overdue,
            "answered" => FollowUpFilter.Answered,
            _ => throw new DomainException(Text.SiteErrorCodes.UnknownFollowUpState, state),
        };
        var list = await board.ListAsync(StaffEndpoints.Actor(http), filter);
        return Results.Ok(new ItemsResponse<FollowUpDto>(list.Items.Select(i => new FollowUpDto(i.QuestionId, i.InterviewId,
            i.InterviewTitle, i.Nickname, i.Text, time.Local(i.DueAt), i.Overdue, time.Local(i.AnsweredAt), i.AnswerUrl)).ToList()));
    }
}
