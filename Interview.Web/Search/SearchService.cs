using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Search;

/// <summary>
/// Searches published sessions (pages and API ask this one service). Newest first reads the index lazily from the
/// newest match. Relevance ranks by BM25 (word frequency in the document against its length, rarer words weighing
/// more, the session's own text counting double) over the newest <see cref="RankedCandidates"/> matches; when more
/// documents match, the older ones follow the ranked ones, newest first, so every match is on some page.
/// </summary>
public sealed class SearchService(IDbContextFactory<InterviewDbContext> contexts, MarkdownRenderer renderer, SiteTime time)
{
    public const int PageSize = 20;
    /// <summary>Totals are exact up to this many; past it the page says "more than".</summary>
    public const int CountLimit = 5_000;
    public const int RankedCandidates = 1_000;
    public const int MaxPage = CountLimit / PageSize;

    private readonly SearchSource _source = new(renderer);

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = SearchQuery.Parse(request.Query);
        if (request.Page is < 1 or > MaxPage)
        {
            throw new DomainException(Text.SiteErrorCodes.PageOutOfRange, MaxPage);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = SearchStores.For(db.Database);
        var scope = await ScopeAsync(db, request, cancellationToken);
        if (store.ScopesBySessions && !scope.IsEverything)
        {
            scope = scope with { Sessions = await SessionsInAsync(db, scope, cancellationToken) };
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var reader = store.Reader(db, _source);
        var offset = (request.Page - 1) * PageSize;
        var (total, complete) = reader.Count(query, scope, CountLimit + 1);
        var (rows, texts) = request.Sort == SearchSort.Newest
            ? Newest(reader, query, scope, offset)
            : Ranked(reader, query, scope, offset);
        var sessions = await SessionsAsync(db, rows.Select(r => r.InterviewId).Distinct().ToList(), cancellationToken);
        var items = rows.Where(r => texts.ContainsKey(r.Id) && sessions.ContainsKey(r.InterviewId))
            .Select(r => Hit(r, texts[r.Id], sessions[r.InterviewId], query))
            .ToList();
        return new SearchResults(items, Math.Min(total, CountLimit), total > CountLimit || !complete, request.Page, PageSize, query);
    }

    /// <summary>The choices for the search form: every column, the years and guest organizations of published sessions.</summary>
    public async Task<SearchFilters> FiltersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var columns = await db.Columns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ColumnView(c.Id, c.Slug, c.Name, c.Description)).ToListAsync(cancellationToken);
        var published = db.Interviews.Where(i => i.Status == InterviewStatus.Published && i.RehearsalOf == null);
        var starts = await published.Select(i => i.ScheduledStart).ToListAsync(cancellationToken);
        var organizations = await db.Guests.Where(g => published.Any(i => i.Id == g.InterviewId) && g.Organization != "")
            .Select(g => g.Organization).Distinct().ToListAsync(cancellationToken);
        return new SearchFilters(
            columns,
            starts.Select(s => time.Local(s).Year).Distinct().OrderDescending().ToList(),
            organizations.Order(StringComparer.Ordinal).ToList());
    }

    private static (List<DocRow>, Dictionary<long, DocText>) Newest(ISearchReader reader, SearchQuery query, SearchScope scope, int offset)
    {
        var rows = reader.Newest(query, scope, offset, PageSize);
        return (rows, reader.Texts(rows));
    }

    private static (List<DocRow>, Dictionary<long, DocText>) Ranked(ISearchReader reader, SearchQuery query, SearchScope scope, int offset)
    {
        var candidates = reader.Newest(query, scope, 0, RankedCandidates);
        var texts = reader.Texts(candidates);
        var ranked = SearchRanking.Rank(candidates, texts, query, t => reader.Count(query.Only(t), scope, CountLimit).Count, reader.DocumentCount);
        var page = ranked.Skip(offset).Take(PageSize).ToList();
        if (page.Count < PageSize && candidates.Count == RankedCandidates)
        {
            // Past the ranked matches, the older ones follow newest first.
            var older = reader.Newest(query, scope, Math.Max(offset, RankedCandidates), PageSize - page.Count);
            foreach (var (id, text) in reader.Texts(older))
            {
                texts[id] = text;
            }
            page.AddRange(older);
        }
        return (page, texts);
    }

    private async Task<SearchScope> ScopeAsync(InterviewDbContext db, SearchRequest request, CancellationToken cancellationToken)
    {
        int? columnId = null;
        if (!string.IsNullOrEmpty(request.Column))
        {
            columnId = await db.Columns.Where(c => c.Slug == request.Column).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
                // A fixed text: the search page shows it as an alert, and the address is anyone's to write.
                ?? throw new NotFoundException(Text.SiteErrorCodes.SearchColumnNotFound);
        }
        DateTimeOffset? from = null;
        DateTimeOffset? until = null;
        if (request.Year is { } year)
        {
            if (year is < 1900 or > 9000)
            {
                throw new DomainException(Text.SiteErrorCodes.YearInvalid);
            }
            // The year as the site's readers count it (Beijing time), not the UTC year.
            var offset = time.Local(new DateTimeOffset(year, 7, 1, 0, 0, 0, TimeSpan.Zero)).Offset;
            from = new DateTimeOffset(year, 1, 1, 0, 0, 0, offset);
            until = from.Value.AddYears(1);
        }
        var organization = string.IsNullOrWhiteSpace(request.Organization) ? null : request.Organization.Trim();
        return new SearchScope(columnId, from, until, organization);
    }

    /// <summary>The published sessions in <paramref name="scope"/>, for a store that filters by them.</summary>
    private static async Task<List<int>> SessionsInAsync(InterviewDbContext db, SearchScope scope, CancellationToken cancellationToken)
    {
        var sessions = db.Interviews.Where(i => i.Status == InterviewStatus.Published && i.RehearsalOf == null);
        if (scope.ColumnId is { } columnId)
        {
            sessions = sessions.Where(i => i.ColumnId == columnId);
        }
        if (scope is { From: { } from, Until: { } until })
        {
            // In UTC: Npgsql writes a timestamptz only from an offset of zero.
            var (start, end) = (from.ToUniversalTime(), until.ToUniversalTime());
            sessions = sessions.Where(i => i.ScheduledStart >= start && i.ScheduledStart < end);
        }
        if (scope.Organization is { } organization)
        {
            sessions = sessions.Where(i => db.Guests.Any(g => g.InterviewId == i.Id && g.Organization == organization));
        }
        return await sessions.Select(i => i.Id).ToListAsync(cancellationToken);
    }

    private sealed record SessionInfo(string Title, string ColumnName, DateTimeOffset Start);

    private static async Task<Dictionary<int, SessionInfo>> SessionsAsync(
        InterviewDbContext db, List<int> ids, CancellationToken cancellationToken) =>
        await db.Interviews.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Status == InterviewStatus.Published && i.RehearsalOf == null)
            .Join(db.Columns, i => i.ColumnId, c => c.Id, (i, c) => new { i.Id, i.Title, Column = c.Name, i.ScheduledStart })
            .ToDictionaryAsync(s => s.Id, s => new SessionInfo(s.Title, s.Column, s.ScheduledStart), cancellationToken);

    private static SearchHit Hit(DocRow row, DocText text, SessionInfo session, SearchQuery query) => new(
        row.InterviewId,
        row.Kind,
        row.Kind == SearchDocKind.Entry ? row.Reference : null,
        row.Kind == SearchDocKind.Question ? row.Reference : null,
        session.Title,
        text.Speaker,
        SearchSnippet.Html(text.Text, query.Terms),
        row.Kind switch
        {
            SearchDocKind.Entry => PublicUrls.Entry(row.InterviewId, row.Reference),
            SearchDocKind.Question => $"{PublicUrls.Interview(row.InterviewId)}#q{row.Reference}",
            _ => PublicUrls.Interview(row.InterviewId),
        },
        session.ColumnName,
        session.Start);
}
