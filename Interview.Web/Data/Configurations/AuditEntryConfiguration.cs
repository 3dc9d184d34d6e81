using Interview.Domain.Audit;
using Interview.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(128);
        builder.Property(a => a.Outcome).HasMaxLength(500);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        // The hash chain (Audit/AuditChainWriter): filled in the inserting transaction; empty only in a log written
        // before the chain existed, which is chained once at start.
        builder.Property<string>(AuditChainWriter.HashColumn).HasMaxLength(64).IsRequired().HasDefaultValue("");
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Target, a.At });
    }
}
