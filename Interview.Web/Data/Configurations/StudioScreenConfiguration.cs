using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class StudioScreenConfiguration : IEntityTypeConfiguration<StudioScreen>
{
    public void Configure(EntityTypeBuilder<StudioScreen> builder)
    {
        builder.ToTable("StudioScreens");
        builder.HasKey(s => s.InterviewId);
        builder.HasOne<InterviewSession>().WithOne().HasForeignKey<StudioScreen>(s => s.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Question>().WithMany().HasForeignKey(s => s.PinnedQuestionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Property(s => s.ChangedBy).HasMaxLength(256);
        builder.Ignore(s => s.HasLink);
    }
}
