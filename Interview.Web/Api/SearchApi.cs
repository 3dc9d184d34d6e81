using Interview.Domain;
using Interview.Web.Hosting;
using Interview.Web.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interview.Web.Api;

/// <summary>A search result. <c>snippet</c> is HTML: escaped text in which only &lt;mark&gt; is markup.</summary>
public sealed record SearchItemDto(
    int InterviewId, int? Seq, string Title, string Snippet, string Url, SearchDocKind Kind, int? QuestionId, string? Speaker,
    string Column, DateTimeOffset Date);

/// <summary>
/// <c>total</c> is exact up to <see cref="SearchService.CountLimit"/>; past that it is the limit and
/// <c>totalIsLowerBound</c> is true.
/// </summary>
public sealed record SearchResponse(int Total, bool TotalIsLowerBound, int Page, int PageSize, IReadOnlyList<SearchItemDto> Items);

/// <summary>Full-text search over published sessions (CONTRACT.md "Public API"); no account.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", SearchAsync)
            .WithTags("Public")
            .AllowAnonymous()
            .AddEndpointFilter(StaffEndpoints.TranslateErrors)
            .WithSummary("Searches published sessions (entries, approved questions, titles, summaries, guests): q is required " +
                         $"(at most {SearchQuery.MaxLength} characters; words separated by spaces must all appear, \"quoted words\" " +
                         "form one phrase); filter by column slug, year and guest organization (org); sort=relevance (default) " +
                         $"or newest; {SearchService.PageSize} per page.");
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        string? q, string? column, int? year, string? org, string? sort, int? page, SearchService search, SiteTime time,
        CancellationToken cancellationToken)
    {
        SearchSort order;
        if (string.IsNullOrEmpty(sort) || sort.Equals("relevance", StringComparison.OrdinalIgnoreCase))
        {
            order = SearchSort.Relevance;
        }
        else if (sort.Equals("newest", StringComparison.OrdinalIgnoreCase))
        {
            order = SearchSort.Newest;
        }
        else
        {
            throw new DomainException(Text.SiteErrorCodes.UnknownSort);
        }
        var results = await search.SearchAsync(new SearchRequest(q, column, year, org, order, page ?? 1), cancellationToken);
        return TypedResults.Ok(new SearchResponse(results.Total, results.TotalIsLowerBound, results.Page, results.PageSize,
            results.Items.Select(h => new SearchItemDto(h.InterviewId, h.Seq, h.Title, h.SnippetHtml, h.Url, h.Kind, h.QuestionId,
                h.Speaker, h.ColumnName, time.Local(h.Date))).ToList()));
    }
}
