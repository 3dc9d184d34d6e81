using Interview.Web.Hosting;
using Interview.Domain.Interviews;
using Interview.Web.Public;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interview.Web.Api;

/// <summary>The public read API (CONTRACT.md "Public API"): no account, only what the public pages show.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Public").AllowAnonymous().EdgeCacheable();
        api.MapGet("/columns", ListColumns).WithSummary("All columns (栏目).");
        api.MapGet("/interviews", ListInterviews)
            .WithSummary("Public sessions, newest first; filter by column slug and status (scheduled, live, ended, published).");
        api.MapGet("/interviews/{id:int}", GetInterview).WithSummary("One public session with guests and statistics.");
        api.MapGet("/interviews/{id:int}/entries", ListEntries)
            .WithSummary($"Published transcript entries with seq greater than afterSeq, in seq order; or with after=<cursor>, the entries published or corrected since that cursor, in change order; at most {PublicCatalog.MaxEntriesPerRead} per call.");
        return app;
    }

    private static async Task<Ok<ItemsResponse<ColumnDto>>> ListColumns(
        HttpContext http, PublicCatalog catalog, PublicApiMapper map, CancellationToken cancellationToken)
    {
        var columns = await catalog.ColumnsAsync(cancellationToken);
        EdgeCache.Fresh(http, EdgeCache.Settled);
        return TypedResults.Ok(new ItemsResponse<ColumnDto>(columns.Select(map.Column).ToList()));
    }

    private static async Task<Results<Ok<PagedResponse<InterviewSummaryDto>>, ProblemHttpResult>> ListInterviews(
        HttpContext http, PublicCatalog catalog, PublicApiMapper map, string? column, string? status, int? page,
        CancellationToken cancellationToken)
    {
        InterviewStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<InterviewStatus>(status, ignoreCase: true, out var parsed) || !parsed.IsPublic() ||
                parsed == InterviewStatus.Cancelled || int.TryParse(status, out _))
            {
                return Problem(StatusCodes.Status400BadRequest, Text.ErrorText.Word(Text.SiteErrorCodes.UnknownPublicStatus, status));
            }
            wanted = parsed;
        }
        if (page is < 1)
        {
            return Problem(StatusCodes.Status400BadRequest, Text.ErrorText.Word(Text.SiteErrorCodes.PageFromOne));
        }
        if (!string.IsNullOrEmpty(column) && await catalog.ColumnAsync(column, cancellationToken) is null)
        {
            return Problem(StatusCodes.Status404NotFound, Text.ErrorText.Word(Text.SiteErrorCodes.PublicColumnNotFound, column));
        }
        var result = await catalog.InterviewsAsync(
            string.IsNullOrEmpty(column) ? null : column, wanted, page ?? 1, cancellationToken);
        EdgeCache.Fresh(http, EdgeCache.Listing);
        return TypedResults.Ok(new PagedResponse<InterviewSummaryDto>(
            result.Items.Select(map.Summary).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<InterviewDto>, ProblemHttpResult>> GetInterview(
        int id, HttpContext http, PublicCatalog catalog, PublicApiMapper map, CancellationToken cancellationToken)
    {
        var detail = await catalog.InterviewAsync(id, cancellationToken);
        if (detail is not null)
        {
            EdgeCache.Fresh(http, EdgeCache.For(detail.Status));
        }
        return detail is null ? NoSuchInterview(id) : TypedResults.Ok(map.Interview(detail));
    }

    private static async Task<Results<Ok<ItemsResponse<EntryDto>>, ProblemHttpResult>> ListEntries(
        int id, int? afterSeq, int? after, HttpContext http, PublicCatalog catalog, PublicApiMapper map, CancellationToken cancellationToken)
    {
        // ?after=<cursor>: the entries published or corrected since, in the order of those changes (long polling).
        var entries = after is { } cursor
            ? (await catalog.ChangesAsync(id, Math.Max(0, cursor), cancellationToken))?.Entries
            : await catalog.EntriesAsync(id, Math.Max(0, afterSeq ?? 0), cancellationToken);
        // As fresh as a live session needs, whatever the session's state: an archive is revalidated (a 304) more often
        // than it must be, and the entries need no second query for the state.
        EdgeCache.Fresh(http, EdgeCache.Live);
        return entries is null
            ? NoSuchInterview(id)
            : TypedResults.Ok(new ItemsResponse<EntryDto>(entries.Select(map.Entry).ToList()));
    }

    private static ProblemHttpResult NoSuchInterview(int id) =>
        Problem(StatusCodes.Status404NotFound, Text.ErrorText.Word(Text.SiteErrorCodes.PublicInterviewNotFound, id));

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status);
}
