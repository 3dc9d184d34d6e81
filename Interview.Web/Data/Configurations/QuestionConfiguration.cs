using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("Questions");
        builder.HasOne<InterviewSession>().WithMany().HasForeignKey(q => q.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Question>().WithMany().HasForeignKey(q => q.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(q => q.Receipt).HasMaxLength(32);
        builder.HasIndex(q => q.Receipt).IsUnique();
        builder.Property(q => q.Nickname).HasMaxLength(Question.MaxNicknameLength);
        builder.Property(q => q.OriginalText).HasMaxLength(Question.MaxTextLength);
        builder.Property(q => q.Text).HasMaxLength(Question.MaxTextLength);
        builder.Property(q => q.Phone).HasMaxLength(32);
        builder.Property(q => q.DecidedBy).HasMaxLength(256);
        builder.Property(q => q.DecisionNote).HasMaxLength(Question.MaxNoteLength);
        builder.Ignore(q => q.IsPublic);
        // Decisions are compare-and-set: an update applies only if the status is still what was read.
        builder.Property(q => q.Status).IsConcurrencyToken();
        builder.HasIndex(q => new { q.InterviewId, q.Status });
        builder.Property(q => q.IdempotencyKey).HasMaxLength(64);
        builder.HasIndex(q => new { q.InterviewId, q.IdempotencyKey }).IsUnique();
    }
}
