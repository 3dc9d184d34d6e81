using Interview.Domain.Staff;
using Interview.Web.Data.Postgres;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Data;

/// <summary>Creates, migrates and (when configured) fills the database before the site takes requests.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<InterviewDbContext> contextFactory,
    IOptions<InterviewOptions> options,
    MarkdownRenderer renderer,
    TimeProvider clock,
    StaffAccounts accounts,
    Search.SearchIndex search,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Read first: settings that cannot work (Interview:Database among them) stop the start here, with their reason.
        var settings = options.Value;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await PostgresDatabase.EnsureExistsAsync(db, cancellationToken);
        // Instances starting at once on one PostgreSQL database take turns: the first migrates and seeds, the others
        // then find nothing left to do (SQLite: one process owns the file).
        await using var initializing = await DatabaseLocks.InitializationAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (the public pages) go on while a writer publishes; the setting lives in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (await Audit.AuditChainWriter.ChainUnchainedLogAsync(db, cancellationToken) is > 0 and var chained)
        {
            logger.LogInformation("The audit log predates its hash chain: chained its {Count} lines.", chained);
        }

        if (settings.SeedDemoData && !await db.Columns.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Empty database: adding the demo columns and sessions.");
            await DemoData.SeedAsync(db, renderer, clock, cancellationToken);
        }
        // A new or older index (the migration that adds it, a new tokenization, the demo data) is built now:
        // SQLite's FTS5 table or PostgreSQL's tsvector one (Search/SearchStore.cs).
        await search.EnsureCurrentAsync(cancellationToken);

        foreach (var role in StaffRoles.All.Select(r => r.Name()))
        {
            if (!await db.Roles.AnyAsync(r => r.Name == role, cancellationToken))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var bootstrap = settings.Bootstrap;
        if (await accounts.BootstrapAsync(bootstrap.AdminEmail, bootstrap.AdminPassword) is { } adminId)
        {
            logger.LogInformation("No staff account existed: created the admin {Email} from Interview:Bootstrap.", bootstrap.AdminEmail);
        }
        else if (!await db.Users.AnyAsync(cancellationToken))
        {
            logger.LogWarning("No staff account exists. Set Interview__Bootstrap__AdminEmail and Interview__Bootstrap__AdminPassword to create the first admin.");
        }
    }
}
