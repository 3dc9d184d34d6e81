namespace Interview.Web.Search;

/// <summary>
/// The search index's tables, kept beside the product's in the same SQLite file (created by a migration, filled by
/// <see cref="SearchIndex"/>). Both full-text tables are contentless: the text lives once, in the product's own
/// tables, and the index holds only tokens. Their rowid is <c>search_docs.id</c>, which says what a document is.
/// </summary>
public static class SearchSchema
{
    /// <summary>
    /// The tokenization's version. A database whose index was built with another version (or never) is rebuilt at
    /// start, so a change to <see cref="SearchText"/> only needs this number raised.
    /// </summary>
    public const int Version = 1;

    /// <summary>What the migration runs.</summary>
    public const string CreateSql = """
        CREATE TABLE search_docs (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            ref INTEGER NOT NULL);
        CREATE UNIQUE INDEX ix_search_docs_document ON search_docs (interview_id, kind, ref);
        CREATE TABLE search_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """ + FullTextSql;

    public const string DropSql = """
        DROP TABLE IF EXISTS search_pairs;
        DROP TABLE IF EXISTS search_chars;
        DROP TABLE IF EXISTS search_meta;
        DROP TABLE IF EXISTS search_docs;
        """;

    /// <summary>
    /// <c>search_pairs</c>: every two neighbouring characters as one token, with positions, so that a query of two
    /// or more characters is one token or a phrase of tokens (few documents share a rare pair, so even a rare word
    /// made of common characters is found at once). <c>search_chars</c>: each character once per document, without
    /// positions, for one-character queries. The ascii tokenizer splits only at ASCII spaces and punctuation, so
    /// every token <see cref="SearchText"/> writes (any Unicode letter or digit) stays whole.
    /// </summary>
    internal const string FullTextSql = """
        CREATE VIRTUAL TABLE search_pairs USING fts5(body, content='', contentless_delete=1, tokenize='ascii', detail=full);
        CREATE VIRTUAL TABLE search_chars USING fts5(body, content='', contentless_delete=1, tokenize='ascii', detail=none);
        """;

    internal const string DropFullTextSql = """
        DROP TABLE IF EXISTS search_pairs;
        DROP TABLE IF EXISTS search_chars;
        """;
}

/// <summary>What a search document is; stored as a number in <c>search_docs.kind</c>.</summary>
public enum SearchDocKind
{
    /// <summary>The session itself: title, summary, guests' names, posts and organizations. <c>ref</c> is 0.</summary>
    Session = 0,
    /// <summary>A published transcript entry; <c>ref</c> is its seq.</summary>
    Entry = 1,
    /// <summary>An approved question that is not in the transcript as an entry; <c>ref</c> is its id.</summary>
    Question = 2,
}
