using System.Text;

namespace Interview.Web.Search;

/// <summary>One search document to write: what it is and its plain text.</summary>
public sealed record SearchDocument(int InterviewId, SearchDocKind Kind, int Reference, string Text);

/// <summary>A document's index tokens, made by <see cref="SearchText.Tokenize"/>.</summary>
internal readonly record struct TokenizedDocument(SearchDocument Document, string Pairs, string Chars)
{
    public static TokenizedDocument Of(SearchDocument document, StringBuilder pairs, StringBuilder chars, HashSet<int> seen)
    {
        pairs.Clear();
        chars.Clear();
        SearchText.Tokenize(document.Text, pairs, chars, seen);
        return new TokenizedDocument(document, pairs.ToString(), chars.ToString());
    }
}

/// <summary>A matching document: its index id (higher is newer) and what it is.</summary>
internal readonly record struct DocRow(long Id, int InterviewId, SearchDocKind Kind, int Reference);

/// <summary>A document's plain text and its speaker label (「嘉宾 李卫东」, 「网友 小王」; none for a session).</summary>
internal sealed record DocText(string Text, string? Speaker);

/// <summary>Where the results may come from: columns, years (as UTC bounds) and a guest organization.</summary>
internal sealed record SearchScope(int? ColumnId, DateTimeOffset? From, DateTimeOffset? Until, string? Organization)
{
    public bool JoinsSession => ColumnId is not null || From is not null;
    public bool IsEverything => ColumnId is null && From is null && Organization is null;

    /// <summary>
    /// The published sessions in scope, for a store that filters by them (<see cref="ISearchStore.ScopesBySessions"/>);
    /// null for the others, and when the scope is everything.
    /// </summary>
    public IReadOnlyList<int>? Sessions { get; init; }
}

