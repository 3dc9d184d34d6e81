using Interview.Domain.Columns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class ColumnConfiguration : IEntityTypeConfiguration<Column>
{
    public void Configure(EntityTypeBuilder<Column> builder)
    {
        builder.ToTable("Columns");
        builder.Property(c => c.Name).HasMaxLength(Column.MaxNameLength);
        builder.Property(c => c.Slug).HasMaxLength(Column.MaxSlugLength);
        builder.Property(c => c.Description).HasMaxLength(Column.MaxDescriptionLength);
        builder.HasIndex(c => c.Slug).IsUnique();
    }
}
