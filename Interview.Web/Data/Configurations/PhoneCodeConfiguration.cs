using Interview.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class PhoneCodeConfiguration : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> builder)
    {
        builder.ToTable("PhoneCodes");
        builder.Property(c => c.PhoneKey).HasMaxLength(64);
        builder.Property(c => c.ClientKey).HasMaxLength(64);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        // Two submits with one code at once (two instances): the second save fails instead of spending it twice.
        builder.Property(c => c.WrongTries).IsConcurrencyToken();
        builder.Property(c => c.UsedAt).IsConcurrencyToken();
        // The limits count sends per number and per client over the last hour.
        builder.HasIndex(c => new { c.PhoneKey, c.SentAt });
        builder.HasIndex(c => new { c.ClientKey, c.SentAt });
    }
}
