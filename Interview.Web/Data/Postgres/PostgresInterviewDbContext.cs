using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Interview.Web.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that EF keeps its migrations apart from SQLite's (they are
/// found by context type: Data/Postgres/Migrations here, Data/Migrations for <see cref="InterviewDbContext"/>).
/// </summary>
public sealed class PostgresInterviewDbContext(DbContextOptions<InterviewDbContext> options) : InterviewDbContext(options)
{
    /// <summary>
    /// Points in time are <c>timestamptz</c>. Npgsql writes only UTC offsets there, while callers may hold local ones
    /// (a session scheduled at 15:00 Beijing time): they are turned to UTC on the way in, the same instant.
    /// </summary>
    protected override void ConfigureTimes(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
