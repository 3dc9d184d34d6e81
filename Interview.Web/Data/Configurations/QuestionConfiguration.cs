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
        // The moderation queue: one session's questions of one status, oldest first, read a page at a time.
        builder.HasIndex(q => new { q.InterviewId, q.Status, q.SubmittedAt });
        builder.Property(q => q.IdempotencyKey).HasMaxLength(64);
        builder.HasIndex(q => new { q.InterviewId, q.IdempotencyKey }).IsUnique();
        builder.Property(q => q.ClientKey).HasMaxLength(64);
        builder.OwnsMany(q => q.Flags, flags =>
        {
            flags.ToJson();
            flags.Property(f => f.Detail).HasMaxLength(QuestionFlag.MaxDetailLength);
        });
        builder.Navigation(q => q.Flags).HasField("_flags");
    }
}

internal sealed class ClientBlockConfiguration : IEntityTypeConfiguration<ClientBlock>
{
    public void Configure(EntityTypeBuilder<ClientBlock> builder)
    {
        builder.ToTable("ClientBlocks");
        builder.HasOne<InterviewSession>().WithMany().HasForeignKey(b => b.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.ClientKey).HasMaxLength(64);
        builder.Property(b => b.BlockedBy).HasMaxLength(256);
        builder.Property(b => b.Reason).HasMaxLength(ClientBlock.MaxReasonLength);
        builder.HasIndex(b => new { b.InterviewId, b.ClientKey }).IsUnique();
    }
}
