using Interview.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Data.Configurations;

internal sealed class PortalSettingConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> builder)
    {
        builder.ToTable("PortalSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(PortalSetting.MaxKeyLength);
        builder.Property(s => s.Value).HasMaxLength(PortalOptions.MaxRulesLength);
    }
}
