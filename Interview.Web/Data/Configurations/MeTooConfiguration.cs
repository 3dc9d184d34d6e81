using Interview.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class MeTooConfiguration : IEntityTypeConfiguration<MeToo>
{
    public void Configure(EntityTypeBuilder<MeToo> builder)
    {
        builder.ToTable("MeToos");
        builder.HasOne<Question>().WithMany().HasForeignKey(m => m.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.ClientKey).HasMaxLength(64);
        // Once per client: a repeat, even two at once, makes one row. It also serves the count per question.
        builder.HasIndex(m => new { m.QuestionId, m.ClientKey }).IsUnique();
    }
}
