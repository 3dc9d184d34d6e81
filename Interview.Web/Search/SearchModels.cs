using Interview.Web.Public;

namespace Interview.Web.Search;

public enum SearchSort
{
    /// <summary>Best matches first (BM25 over the newest <see cref="SearchService.RankedCandidates"/> matches).</summary>
    Relevance,
    /// <summary>The most recently published first.</summary>
    Newest,
}

/// <summary>A search as asked: the query text, optional filters, the order and the page (from 1).</summary>
public sealed record SearchRequest(
    string? Query, string? Column = null, int? Year = null, string? Organization = null, SearchSort Sort = SearchSort.Relevance,
    int Page = 1);

/// <summary>
/// One result: where it is (<see cref="Url"/> goes to the entry itself) and a snippet as HTML in which only
/// &lt;mark&gt; is markup.
/// </summary>
public sealed record SearchHit(
    int InterviewId,
    SearchDocKind Kind,
    int? Seq,
    int? QuestionId,
    string Title,
    string? Speaker,
    string SnippetHtml,
    string Url,
    string ColumnName,
    DateTimeOffset Date);

/// <summary>
/// A page of results. <see cref="Total"/> is exact up to <see cref="SearchService.CountLimit"/>; beyond it, or when a
/// query mixing one-character and longer words stopped counting early (<see cref="SqliteSearchReader.MixedCountSteps"/>),
/// <see cref="TotalIsLowerBound"/> is set and the total reads "more than".
/// </summary>
public sealed record SearchResults(
    IReadOnlyList<SearchHit> Items, int Total, bool TotalIsLowerBound, int Page, int PageSize, SearchQuery Query)
{
    public int PageCount => Math.Max(1, (Math.Min(Total, SearchService.CountLimit) + PageSize - 1) / PageSize);
}

/// <summary>The choices the search form offers: columns, years with published sessions, guests' organizations.</summary>
public sealed record SearchFilters(IReadOnlyList<ColumnView> Columns, IReadOnlyList<int> Years, IReadOnlyList<string> Organizations);
