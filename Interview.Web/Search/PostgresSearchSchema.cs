using System.Globalization;

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
    /// sets past its last document: newest first is highest id first, as on SQLite. A vector (about 2 KB for an
    /// answer of 160 characters) stays in its row, compressed by lz4 when large (<c>STORAGE MAIN</c>): a search that
    /// tests rows one by one reads no TOAST table, and lz4 unpacks several times faster than PostgreSQL's default.
    /// The GIN index is two, one per half of the rows (<c>half</c>, the id's parity): PostgreSQL 15 builds a GIN
    /// index on one core, and a rebuild builds the two halves at once on two connections (<see cref="IndexRebuildSql"/>);
    /// a search asks both (<c>half = 0 AND … OR half = 1 AND …</c>, which the planner reads as two bitmap scans).
    /// </summary>
    public const string CreateSql = """
        CREATE SEQUENCE IF NOT EXISTS search_docs_id_seq;
        CREATE TABLE IF NOT EXISTS search_docs (
            id bigint NOT NULL DEFAULT nextval('search_docs_id_seq'),
            interview_id integer NOT NULL,
            kind integer NOT NULL,
            ref integer NOT NULL,
            tokens tsvector COMPRESSION lz4 NOT NULL,
            half smallint NOT NULL GENERATED ALWAYS AS ((id % 2)::smallint) STORED,
            CONSTRAINT search_docs_pkey PRIMARY KEY (id));
        ALTER TABLE search_docs ALTER COLUMN tokens SET STORAGE MAIN;
        CREATE UNIQUE INDEX IF NOT EXISTS ix_search_docs_document ON search_docs (interview_id, kind, ref);
        CREATE INDEX IF NOT EXISTS ix_search_docs_tokens_0 ON search_docs USING gin (tokens) WITH (fastupdate = off) WHERE half = 0;
        CREATE INDEX IF NOT EXISTS ix_search_docs_tokens_1 ON search_docs USING gin (tokens) WITH (fastupdate = off) WHERE half = 1;
        CREATE TABLE IF NOT EXISTS search_meta (key text NOT NULL PRIMARY KEY, value text NOT NULL);
        """ + CommonSql;

    /// <summary>
    /// What a count may skip (<see cref="PostgresSearchReader.Count"/>): <c>search_common</c> holds, as the last
    /// rebuild counted them, how many documents hold each pair or character that more than
    /// <see cref="SearchService.CountLimit"/> held; <c>search_changes_seq</c> is drawn once by every document written
    /// or removed since (a sequence: it never waits for another writer's transaction, as a counter row would), and
    /// <c>search_meta</c>'s <c>changes</c> says where it stood at the rebuild. A word's count now is at least its count
    /// then less the draws since, which decides "more than the limit" without reading a row.
    /// </summary>
    private const string CommonSql = """
        CREATE TABLE IF NOT EXISTS search_common (lexeme text NOT NULL PRIMARY KEY, docs integer NOT NULL);
        CREATE SEQUENCE IF NOT EXISTS search_changes_seq;
        """;

    /// <summary>What the migration that adds <see cref="CommonSql"/> runs in its <c>Down</c>.</summary>
    public const string DropCommonSql = """
        DROP TABLE IF EXISTS search_common;
        DROP SEQUENCE IF EXISTS search_changes_seq;
        """;

    /// <summary>
    /// The layout of the vectors, raised when they change without the tokenization's <see cref="SearchSchema.Version"/>
    /// (which SQLite shares): an index of another layout is rebuilt at start. 2: a character has a key of its own only
    /// where it starts no pair (<see cref="PostgresTokens.LoneChars"/>).
    /// </summary>
    public const int Layout = 2;

    /// <summary>What <c>search_meta</c>'s version says on PostgreSQL: the tokenization's and the layout's.</summary>
    public static string StoredVersion(int version) => string.Create(CultureInfo.InvariantCulture, $"{version}.{Layout}");

    /// <summary>What the migration's <c>Down</c> runs.</summary>
    public const string DropSql = """
        DROP TABLE IF EXISTS search_docs_rebuild;
        DROP TABLE IF EXISTS search_docs;
        DROP TABLE IF EXISTS search_meta;
        DROP SEQUENCE IF EXISTS search_docs_id_seq;
        """ + DropCommonSql;

    /// <summary>
    /// The table a rebuild fills, without indexes (they are built once, after the load). It is made and filled on a
    /// connection of its own and committed before its indexes are built (two connections can only share committed
    /// rows); one left by a rebuild that failed is dropped by the next.
    /// </summary>
    internal const string RebuildTable = "search_docs_rebuild";

    internal const string CreateRebuildSql = $"""
        DROP TABLE IF EXISTS {RebuildTable};
        CREATE TABLE {RebuildTable} (
            id bigint NOT NULL DEFAULT nextval('search_docs_id_seq'),
            interview_id integer NOT NULL,
            kind integer NOT NULL,
            ref integer NOT NULL,
            tokens tsvector COMPRESSION lz4 NOT NULL,
            half smallint NOT NULL GENERATED ALWAYS AS ((id % 2)::smallint) STORED);
        ALTER TABLE {RebuildTable} ALTER COLUMN tokens SET STORAGE MAIN;
        """;

    /// <summary>
    /// The rebuilt table's indexes in two parts of about equal work, each run on its own connection at the same time,
    /// in a transaction of its own (its memory setting ends with it): a half's GIN index and a B-tree each. GIN over
    /// fresh rows is built in one pass, several times faster than growing it row by row. Its time is the CPU's, and 80%
    /// of it (perf) is comparing keys while inserting them in the red-black tree that gathers them in memory: a small
    /// tree, which stays in the CPU's caches, is faster to insert into than a large one is to keep, so 32 MB built the
    /// same 100,000 documents 20% faster than 512 MB (10.4–11.9 s against 14.0–14.2 s), and the two builds hold 64 MB.
    /// </summary>
    internal static readonly string[] IndexRebuildSql =
    [
        $"""
        SET LOCAL maintenance_work_mem = '32MB';
        CREATE INDEX ix_{RebuildTable}_tokens_0 ON {RebuildTable} USING gin (tokens) WITH (fastupdate = off) WHERE half = 0;
        CREATE UNIQUE INDEX {RebuildTable}_pkey ON {RebuildTable} (id);
        """,
        $"""
        SET LOCAL maintenance_work_mem = '32MB';
        CREATE INDEX ix_{RebuildTable}_tokens_1 ON {RebuildTable} USING gin (tokens) WITH (fastupdate = off) WHERE half = 1;
        CREATE UNIQUE INDEX ix_{RebuildTable}_document ON {RebuildTable} (interview_id, kind, ref);
        """,
    ];

    /// <summary>
    /// Puts the rebuilt, indexed table in the old one's place, named as <see cref="CreateSql"/> names things. The old
    /// table is dropped here, so searches read it until the rebuild's transaction commits.
    /// </summary>
    internal const string SwapRebuildSql = $"""
        DROP TABLE search_docs;
        ALTER TABLE {RebuildTable} RENAME TO search_docs;
        ALTER TABLE search_docs ADD CONSTRAINT search_docs_pkey PRIMARY KEY USING INDEX {RebuildTable}_pkey;
        ALTER INDEX ix_{RebuildTable}_document RENAME TO ix_search_docs_document;
        ALTER INDEX ix_{RebuildTable}_tokens_0 RENAME TO ix_search_docs_tokens_0;
        ALTER INDEX ix_{RebuildTable}_tokens_1 RENAME TO ix_search_docs_tokens_1;
        SELECT setval('search_docs_id_seq', greatest((SELECT max(id) FROM search_docs), 1));
        ANALYZE search_docs;
        """;

    /// <summary>
    /// The rebuild's common words (<see cref="CommonSql"/>), written in its transaction after the swap: writers wait
    /// for that transaction since its start, and draw from <c>search_changes_seq</c> after they write, so every change
    /// the rebuild did not see draws after the mark. (<c>DELETE</c>, not <c>TRUNCATE</c>: searches go on reading the
    /// old rows until the commit.)
    /// </summary>
    internal const string CommonRebuildSql = """
        DELETE FROM search_common;
        INSERT INTO search_common (lexeme, docs) SELECT * FROM unnest(@lexemes::text[], @docs::integer[]);
        INSERT INTO search_meta (key, value) VALUES ('changes', nextval('search_changes_seq')::text)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
        """;

    /// <summary>
    /// A word's count is at least this (null when the last rebuild did not find it common, or none recorded where the
    /// changes stood). With the index's last id, for the reader's sense of how densely it matches.
    /// </summary>
    internal const string CommonCountSql = """
        SELECT c.docs - (s.last_value - m.value::bigint), c.docs, (SELECT coalesce(max(id), 0) FROM search_docs)
        FROM search_common c CROSS JOIN search_changes_seq s JOIN search_meta m ON m.key = 'changes'
        WHERE c.lexeme = @lexeme
        """;
}
