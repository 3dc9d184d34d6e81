using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class InterviewSessionConfiguration : IEntityTypeConfiguration<InterviewSession>
{
    public void Configure(EntityTypeBuilder<InterviewSession> builder)
    {
        builder.ToTable("Interviews");
        builder.Property(i => i.Title).HasMaxLength(InterviewSession.MaxTitleLength);
        builder.Property(i => i.ReviewUnit).HasMaxLength(InterviewSession.MaxReviewUnitLength);
        builder.HasOne<Column>().WithMany().HasForeignKey(i => i.ColumnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Guests).WithOne().HasForeignKey(g => g.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Guests).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Ignore(i => i.NextStates);
        builder.HasMany(i => i.Assignments).WithOne().HasForeignKey(a => a.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Two publishers appending at once both read LastSeq; the second write fails instead of reusing a number.
        builder.Property(i => i.LastSeq).IsConcurrencyToken();
        // The same for the change counter (the stream's cursor): a correction racing a publication fails and retries.
        builder.Property(i => i.LastChange).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.ScheduledStart });
        builder.HasIndex(i => new { i.ColumnId, i.ScheduledStart });
        // A rehearsal (彩排) names its real session; real sessions are never deleted, so no foreign key is needed (and
        // adding one would make SQLite rebuild the table).
        builder.HasIndex(i => i.RehearsalOf);
        builder.Property(i => i.RehearsalToken).HasMaxLength(64);
        builder.HasIndex(i => i.RehearsalToken).IsUnique();
    }
}

internal sealed class GuestConfiguration : IEntityTypeConfiguration<Guest>
{
    public void Configure(EntityTypeBuilder<Guest> builder)
    {
        builder.ToTable("Guests");
        builder.Property(g => g.Name).HasMaxLength(Guest.MaxNameLength);
        builder.Property(g => g.Position).HasMaxLength(Guest.MaxPositionLength);
        builder.Property(g => g.Organization).HasMaxLength(Guest.MaxOrganizationLength);
        builder.Property(g => g.Bio).HasMaxLength(Guest.MaxBioLength);
        builder.Property(g => g.PhotoUrl).HasMaxLength(300);
    }
}

internal sealed class TranscriptEntryConfiguration : IEntityTypeConfiguration<TranscriptEntry>
{
    public void Configure(EntityTypeBuilder<TranscriptEntry> builder)
    {
        builder.ToTable("Entries");
        builder.HasOne<InterviewSession>().WithMany().HasForeignKey(e => e.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.InterviewId, e.Seq }).IsUnique();
        // The stream's catch-up reads "every change after N" of one session. Not unique: the session's concurrency token
        // already gives each number to one entry, and rows written outside the model (imports, tests) start at 0.
        builder.HasIndex(e => new { e.InterviewId, e.Change });
        builder.Property(e => e.Speaker).HasMaxLength(TranscriptEntry.MaxSpeakerLength);
        builder.Property(e => e.ReviewedBy).HasMaxLength(256);
        builder.Ignore(e => e.SpeakerLabel);
        builder.HasMany(e => e.Revisions).WithOne().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class EntryDraftConfiguration : IEntityTypeConfiguration<EntryDraft>
{
    public void Configure(EntityTypeBuilder<EntryDraft> builder)
    {
        builder.ToTable("EntryDrafts");
        builder.HasOne<InterviewSession>().WithMany().HasForeignKey(d => d.InterviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Speaker).HasMaxLength(TranscriptEntry.MaxSpeakerLength);
        builder.Property(d => d.Author).HasMaxLength(256);
        builder.Property(d => d.Reviewer).HasMaxLength(256);
        builder.Property(d => d.ReviewComment).HasMaxLength(EntryDraft.MaxCommentLength);
        builder.Property(d => d.CorrectionNote).HasMaxLength(TranscriptEntry.MaxCorrectionNoteLength);
        builder.HasIndex(d => new { d.InterviewId, d.Status });
    }
}

internal sealed class EntryRevisionConfiguration : IEntityTypeConfiguration<EntryRevision>
{
    public void Configure(EntityTypeBuilder<EntryRevision> builder)
    {
        builder.ToTable("EntryRevisions");
        builder.Property(r => r.Note).HasMaxLength(TranscriptEntry.MaxCorrectionNoteLength);
    }
}
