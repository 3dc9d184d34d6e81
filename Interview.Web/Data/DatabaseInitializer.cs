using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Data;

/// <summary>Creates, migrates and (when configured) fills the database before the site takes requests.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<InterviewDbContext> contextFactory,
    IOptions<InterviewOptions> options,
    MarkdownRenderer renderer,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // WAL lets readers (the public pages) go on while a writer publishes; the setting lives in the file.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        if (options.Value.SeedDemoData && !await db.Columns.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Empty database: adding the demo columns and sessions.");
            await DemoData.SeedAsync(db, renderer, clock, cancellationToken);
        }
    }
}
