namespace Interview.Web.Search;

/// <summary>
/// The search index in PostgreSQL: one row per document in <c>search_docs</c>, whose <c>tokens</c> column is a
/// <c>tsvector</c> under a GIN index. The tokens are the ones <see cref="SearchText.Tokenize"/> writes for FTS5 on
/// SQLite, in one vector: every pair of neighbouring characters with its position (so that a word is a phrase of
/// pairs, <c>'医保' &lt;-&gt; '保政'</c>), and each character once without a position (one-character words). A
/// pair is two characters or more and a character is one, so the two never collide, and a query mixing both is one
/// <c>tsquery</c>. No dictionary or parser of PostgreSQL's is involved: vectors and queries are written in C# and cast,
/// so any PostgreSQL (no extension) gives the same matches as SQLite.
/// </summary>
public static class PostgresSearchSchema
{
    /// <summary>
    /// What a PostgreSQL migration runs (<c>migrationBuilder.Sql(PostgresSearchSchema.CreateSql)</c>); idempotent, so
    /// it may also run on a database that has the index already. Ids come from a sequence of their own, which a rebuild
    /// sets past its last document: newest first is highest id first, as on SQLite.
    /// </summary>
    public const string CreateSql = """
        CREATE SEQUENCE IF NOT EXISTS search_docs_id_seq;
        CREATE TABLE IF NOT EXISTS search_docs (
            id bigint NOT NULL DEFAULT nextval('search_docs_id_seq'),
            interview_id integer NOT NULL,
            kind integer NOT NULL,
            ref integer NOT NULL,
            tokens tsvector NOT NULL,
            CONSTRAINT search_docs_pkey PRIMARY KEY (id));
        CREATE UNIQUE INDEX IF NOT EXISTS ix_search_docs_document ON search_docs (interview_id, kind, ref);
        CREATE INDEX IF NOT EXISTS ix_search_docs_tokens ON search_docs USING gin (tokens) WITH (fastupdate = off);
        CREATE TABLE IF NOT EXISTS search_meta (key text NOT NULL PRIMARY KEY, value text NOT NULL);
        """;

    /// <summary>What the migration's <c>Down</c> runs.</summary>
    public const string DropSql = """
        DROP TABLE IF EXISTS search_docs_rebuild;
        DROP TABLE IF EXISTS search_docs;
        DROP TABLE IF EXISTS search_meta;
        DROP SEQUENCE IF EXISTS search_docs_id_seq;
        """;

    /// <summary>The table a rebuild fills, without indexes (they are built once, after the load).</summary>
    internal const string RebuildTable = "search_docs_rebuild";

    internal const string CreateRebuildSql = $"""
        DROP TABLE IF EXISTS {RebuildTable};
        CREATE TABLE {RebuildTable} (
            id bigint NOT NULL DEFAULT nextval('search_docs_id_seq'),
            interview_id integer NOT NULL,
            kind integer NOT NULL,
            ref integer NOT NULL,
            tokens tsvector NOT NULL);
        """;

    /// <summary>
    /// Indexes the rebuilt table, puts it in the old one's place and names its indexes as <see cref="CreateSql"/> does.
    /// The old table is dropped last, so searches read it until then. GIN over fresh rows is built in one pass, several
    /// times faster than growing it row by row.
    /// </summary>
    internal const string SwapRebuildSql = $"""
        SET LOCAL maintenance_work_mem = '256MB';
        ALTER TABLE {RebuildTable} ADD CONSTRAINT {RebuildTable}_pkey PRIMARY KEY (id);
        CREATE UNIQUE INDEX ix_{RebuildTable}_document ON {RebuildTable} (interview_id, kind, ref);
        CREATE INDEX ix_{RebuildTable}_tokens ON {RebuildTable} USING gin (tokens) WITH (fastupdate = off);
        DROP TABLE search_docs;
        ALTER TABLE {RebuildTable} RENAME TO search_docs;
        ALTER TABLE search_docs RENAME CONSTRAINT {RebuildTable}_pkey TO search_docs_pkey;
        ALTER INDEX ix_{RebuildTable}_document RENAME TO ix_search_docs_document;
        ALTER INDEX ix_{RebuildTable}_tokens RENAME TO ix_search_docs_tokens;
        SELECT setval('search_docs_id_seq', greatest((SELECT max(id) FROM search_docs), 1));
        ANALYZE search_docs;
        """;
}
