using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Questions_InterviewId_Status",
                table: "Questions");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_InterviewId_Status_SubmittedAt",
                table: "Questions",
                columns: new[] { "InterviewId", "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Questions_InterviewId_Status_SubmittedAt",
                table: "Questions");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_InterviewId_Status",
                table: "Questions",
                columns: new[] { "InterviewId", "Status" });
        }
    }
}
