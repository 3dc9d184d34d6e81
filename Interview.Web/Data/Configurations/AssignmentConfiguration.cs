using Interview.Domain.Interviews;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.InterviewId, a.StaffId, a.Role }).IsUnique();
        builder.HasIndex(a => a.StaffId);
    }
}
