using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Interview.Web.Data.Postgres;

/// <summary>Creating the database itself, the one step an advisory lock cannot guard (it needs the database).</summary>
internal static class PostgresDatabase
{
    private const string DuplicateDatabase = "42P04";

    /// <summary>
    /// Creates the database named in the connection string when it does not exist and the account may (CREATEDB);
    /// two instances doing so at once both go on. Nothing on SQLite (the file is made on first open).
    /// </summary>
    public static async Task EnsureExistsAsync(InterviewDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another instance created it a moment ago.
        }
    }
}
