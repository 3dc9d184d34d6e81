using System.Globalization;
using Interview.Domain;
using Interview.Domain.Audit;
using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Interview.Web.Data;

/// <summary>
/// The one database: the product's data and the staff accounts (ASP.NET Core Identity) side by side. This type is the
/// SQLite context (its migrations are in Data/Migrations); PostgreSQL uses <see cref="Postgres.PostgresInterviewDbContext"/>,
/// the same model with its own storage conventions and migrations. Services ask for this type either way.
/// </summary>
public class InterviewDbContext(DbContextOptions<InterviewDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Column> Columns => Set<Column>();
    public DbSet<InterviewSession> Interviews => Set<InterviewSession>();
    public DbSet<Guest> Guests => Set<Guest>();
    public DbSet<TranscriptEntry> Entries => Set<TranscriptEntry>();
    public DbSet<EntryRevision> EntryRevisions => Set<EntryRevision>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<EntryDraft> EntryDrafts => Set<EntryDraft>();
    public DbSet<ClientBlock> ClientBlocks => Set<ClientBlock>();
    public DbSet<MeToo> MeToos => Set<MeToo>();
    public DbSet<PhoneCode> PhoneCodes => Set<PhoneCode>();
    public DbSet<StudioScreen> StudioScreens => Set<StudioScreen>();
    public DbSet<WordList> WordLists => Set<WordList>();
    public DbSet<WordListRevision> WordListRevisions => Set<WordListRevision>();
    public DbSet<Interview.Domain.Reports.Report> Reports => Set<Interview.Domain.Reports.Report>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(StaffUser.MaxDisplayNameLength);
        builder.ApplyConfigurationsFromAssembly(typeof(InterviewDbContext).Assembly);
        // What an entity records having happened is announced after the save, never stored.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => t.ClrType.IsAssignableTo(typeof(Entity))).ToList())
        {
            builder.Entity(type.ClrType).Ignore(nameof(Entity.DomainEvents));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ConfigureTimes(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>How points in time are stored; the PostgreSQL context stores them as <c>timestamptz</c> instead.</summary>
    protected virtual void ConfigureTimes(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite has no date type and EF cannot order or compare DateTimeOffset there; a fixed-width UTC text form
        // sorts and compares correctly as text and stays readable in the database file.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTextConverter>();
    }

    // The audit lines' hash chain, the search index and the announcements after the commit are the write path's
    // (Events.WritePath, an interceptor every context of the container gets); the context only keeps the log append-only,
    // and ends a transaction its own failed save left open.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        var callers = Database.CurrentTransaction;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            LeftTransaction(callers)?.Dispose();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        var callers = Database.CurrentTransaction;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            if (LeftTransaction(callers) is { } left)
            {
                await left.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The write path begins a transaction for a save whose caller has none and ends it when the save ends. EF tells
    /// interceptors of every end but one: a concurrency conflict (a lost compare-and-set) throws without calling
    /// <c>SaveChangesFailed</c>. Left open, that transaction would keep its locks (on PostgreSQL the audit chain's)
    /// until the context is disposed, while the caller goes on to record the refusal in another context.
    /// </summary>
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? LeftTransaction(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? callers) =>
        callers is null ? Database.CurrentTransaction : null;

    /// <summary>The audit log is append-only: the application has no path that edits or removes a line.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }

    private sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
        v => v.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
        v => new DateTimeOffset(DateTime.SpecifyKind(
            DateTime.ParseExact(v, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc)))
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    }
}
