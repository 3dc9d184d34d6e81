using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EntryCursor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastChange",
                table: "Interviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Change",
                table: "Entries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing entries take their seq as their change number, and each session its last seq: a viewer of an
            // older session resumes from any cursor as it would from that seq (corrections before this are in the wording).
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Change\" = \"Seq\";");
            migrationBuilder.Sql("UPDATE \"Interviews\" SET \"LastChange\" = \"LastSeq\";");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_InterviewId_Change",
                table: "Entries",
                columns: new[] { "InterviewId", "Change" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_InterviewId_Change",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "LastChange",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "Change",
                table: "Entries");
        }
    }
}
