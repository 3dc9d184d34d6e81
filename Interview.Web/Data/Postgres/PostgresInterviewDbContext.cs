using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Interview.Web.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that EF keeps its migrations apart from SQLite's (they are
/// found by context type: Data/Postgres/Migrations here, Data/Migrations for <see cref="InterviewDbContext"/>).
/// </summary>
public sealed class PostgresInterviewDbContext(DbContextOptions<InterviewDbContext> options, SemaphoreSlim auditTurn)
    : InterviewDbContext(options)
{
    public PostgresInterviewDbContext(DbContextOptions<InterviewDbContext> options) : this(options, new SemaphoreSlim(1, 1))
    {
    }

    /// <summary>
    /// A save that appends audit lines waits for the chain's advisory lock inside its transaction, holding a pooled
    /// connection while it waits (<see cref="DatabaseLocks.AuditAppendAsync"/>). Two moderators clearing a queue can
    /// start hundreds of such saves at once, more than the pool holds. So this process sends one at a time: the others
    /// wait here, without a connection. A save inside the caller's transaction does not wait (that transaction may
    /// already hold the lock); the advisory lock alone keeps the chain in order across instances.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!TakesAuditTurn())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        auditTurn.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            auditTurn.Release();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!TakesAuditTurn())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await auditTurn.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            auditTurn.Release();
        }
    }

    private bool TakesAuditTurn() =>
        Database.CurrentTransaction is null
        && ChangeTracker.Entries<Interview.Domain.Audit.AuditEntry>().Any(e => e.State == EntityState.Added);

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
