using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Interview.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SessionBackground : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BackgroundHtml",
                table: "Interviews",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "BackgroundMarkdown",
                table: "Interviews",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewUnit",
                table: "Interviews",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(SessionBackgroundSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SessionBackgroundSql.Down);

            migrationBuilder.DropColumn(
                name: "BackgroundHtml",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "BackgroundMarkdown",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "ReviewUnit",
                table: "Interviews");
        }
    }
}
