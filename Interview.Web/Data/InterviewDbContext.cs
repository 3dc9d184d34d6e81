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

/// <summary>The one database: the product's data and the staff accounts (ASP.NET Core Identity) side by side.</summary>
public sealed class InterviewDbContext(DbContextOptions<InterviewDbContext> options)
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
    public DbSet<WordList> WordLists => Set<WordList>();
    public DbSet<WordListRevision> WordListRevisions => Set<WordListRevision>();

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
        // SQLite has no date type and EF cannot order or compare DateTimeOffset there; a fixed-width UTC text form
        // sorts and compares correctly as text and stays readable in the database file.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTextConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    // The audit lines' hash chain, the search index and the announcements after the commit are the write path's
    // (Events.WritePath, an interceptor every context of the container gets); the context only keeps the log append-only.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

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
