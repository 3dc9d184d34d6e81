using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Interview.Web.Data.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add X --context PostgresInterviewDbContext</c>: the tools build the model without a
/// server, so the connection string is a placeholder (README "Migrations per provider").
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInterviewDbContext>
{
    public PostgresInterviewDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<InterviewDbContext>();
        DatabaseServices.Configure(builder, new DatabaseOptions
        {
            Provider = DatabaseOptions.Postgres,
            ConnectionString = "Host=localhost;Database=interview_design",
        }, dataDirectory: "");
        return new PostgresInterviewDbContext(builder.Options);
    }
}

/// <summary>
/// For <c>dotnet ef ... --context InterviewDbContext</c> (SQLite). Needed because the factory above, by the interface's
/// covariance, would otherwise also be taken for the base type and hand the SQLite migrations a PostgreSQL model.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<InterviewDbContext>
{
    public InterviewDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<InterviewDbContext>();
        // The site's default data folder, as the tools run from the project folder.
        DatabaseServices.Configure(builder, new DatabaseOptions(), new InterviewOptions().DataDirectoryPath(Directory.GetCurrentDirectory()));
        return new InterviewDbContext(builder.Options);
    }
}
