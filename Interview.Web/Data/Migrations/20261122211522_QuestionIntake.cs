using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuestionIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Questions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Questions_InterviewId_IdempotencyKey",
                table: "Questions",
                columns: new[] { "InterviewId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Questions_InterviewId_IdempotencyKey",
                table: "Questions");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Questions");
        }
    }
}
