using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Rehearsals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RehearsalOf",
                table: "Interviews",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RehearsalToken",
                table: "Interviews",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interviews_RehearsalOf",
                table: "Interviews",
                column: "RehearsalOf");

            migrationBuilder.CreateIndex(
                name: "IX_Interviews_RehearsalToken",
                table: "Interviews",
                column: "RehearsalToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interviews_RehearsalOf",
                table: "Interviews");

            migrationBuilder.DropIndex(
                name: "IX_Interviews_RehearsalToken",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "RehearsalOf",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "RehearsalToken",
                table: "Interviews");
        }
    }
}
