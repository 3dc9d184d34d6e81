using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Postgres.Migrations
{
    /// <summary>
    /// The search index's second layout on PostgreSQL (<see cref="Interview.Web.Search.PostgresSearchSchema"/>): the GIN
    /// index split in two halves that a rebuild builds at once. The index is made empty, with no version in
    /// <c>search_meta</c>, so the site rebuilds it at start (<c>SearchIndex.EnsureCurrentAsync</c>).
    /// </summary>
    public partial class PostgresSearchV2 : Migration
    {
        /// <summary>The first layout, for <see cref="Down"/>: one GIN index, no halves.</summary>
        private const string FirstLayoutSql = """
            CREATE SEQUENCE IF NOT EXISTS search_docs_id_seq;
            CREATE TABLE IF NOT EXISTS search_docs (
                id bigint NOT NULL DEFAULT nextval('search_docs_id_seq'),
                interview_id integer NOT NULL,
                kind integer NOT NULL,
                ref integer NOT NULL,
                tokens tsvector COMPRESSION lz4 NOT NULL,
                CONSTRAINT search_docs_pkey PRIMARY KEY (id));
            ALTER TABLE search_docs ALTER COLUMN tokens SET STORAGE MAIN;
            CREATE UNIQUE INDEX IF NOT EXISTS ix_search_docs_document ON search_docs (interview_id, kind, ref);
            CREATE INDEX IF NOT EXISTS ix_search_docs_tokens ON search_docs USING gin (tokens) WITH (fastupdate = off);
            CREATE TABLE IF NOT EXISTS search_meta (key text NOT NULL PRIMARY KEY, value text NOT NULL);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Interview.Web.Search.PostgresSearchSchema.DropSql);
            migrationBuilder.Sql(Interview.Web.Search.PostgresSearchSchema.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Interview.Web.Search.PostgresSearchSchema.DropSql);
            migrationBuilder.Sql(FirstLayoutSql);
        }
    }
}
