using Interview.Domain.Columns;
using Interview.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class WordListConfiguration : IEntityTypeConfiguration<WordList>
{
    public void Configure(EntityTypeBuilder<WordList> builder)
    {
        builder.ToTable("WordLists");
        builder.Property(w => w.Name).HasMaxLength(WordList.MaxNameLength);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasOne<Column>().WithMany().HasForeignKey(w => w.ColumnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.ColumnId);
        // Two admins saving from the same version: the second save fails instead of undoing the first.
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.Property(w => w.UpdatedBy).HasMaxLength(256);
        builder.Ignore(w => w.WordItems);
        builder.HasMany(w => w.Revisions).WithOne().HasForeignKey(r => r.WordListId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Revisions).HasField("_revisions");
    }
}

internal sealed class WordListRevisionConfiguration : IEntityTypeConfiguration<WordListRevision>
{
    public void Configure(EntityTypeBuilder<WordListRevision> builder)
    {
        builder.ToTable("WordListRevisions");
        builder.HasIndex(r => new { r.WordListId, r.Version }).IsUnique();
        builder.Property(r => r.SavedBy).HasMaxLength(256);
        builder.Ignore(r => r.WordItems);
    }
}
