using Interview.Domain.Interviews;
using Interview.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.HasOne<InterviewSession>().WithMany().HasForeignKey(r => r.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Receipt).HasMaxLength(32);
        builder.HasIndex(r => r.Receipt).IsUnique();
        builder.Property(r => r.Details).HasMaxLength(Report.MaxDetailsLength);
        builder.Property(r => r.Reply).HasMaxLength(Report.MaxReplyLength);
        builder.Property(r => r.ClientKey).HasMaxLength(64);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        // Two admins deciding at once: the second save finds the status changed and fails (compare-and-set).
        builder.Property(r => r.Status).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Status, r.Id });
    }
}
