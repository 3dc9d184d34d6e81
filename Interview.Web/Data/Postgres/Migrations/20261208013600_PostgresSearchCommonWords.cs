using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Postgres.Migrations
{
    /// <summary>
    /// The search index's common words on PostgreSQL (<see cref="Interview.Web.Search.PostgresSearchSchema"/>):
    /// <c>search_common</c> and <c>search_changes_seq</c>, which let a count of a word in more than 5,000 documents skip
    /// reading them. The vectors' layout changes too (a character has a key only where it starts no pair): the stored
    /// version no longer matches, so the site rebuilds the index at start, which fills the new table.
    /// </summary>
    public partial class PostgresSearchCommonWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Idempotent: only what is missing is made.
            migrationBuilder.Sql(Interview.Web.Search.PostgresSearchSchema.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Interview.Web.Search.PostgresSearchSchema.DropCommonSql);
            migrationBuilder.Sql("DELETE FROM search_meta WHERE key IN ('version', 'changes')");
        }
    }
}
