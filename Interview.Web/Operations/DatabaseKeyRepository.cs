using System.Xml.Linq;
using Interview.Web.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Operations;

/// <summary>One data-protection key of the ring kept in the database (several instances: every one reads the same ring).</summary>
public sealed class StoredKey
{
    public int Id { get; private set; }
    public string FriendlyName { get; private set; } = "";
    public string Xml { get; private set; } = "";

    public static StoredKey Create(string friendlyName, string xml) => new() { FriendlyName = friendlyName, Xml = xml };
}

internal sealed class StoredKeyConfiguration : IEntityTypeConfiguration<StoredKey>
{
    public void Configure(EntityTypeBuilder<StoredKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
    }
}

/// <summary>
/// The key ring in the database when instances are several (Hosting/RedisServices): cookies, antiforgery tokens and
/// staff bearer tokens made by one instance open on every other, and the keys are as durable and as backed up as the
/// accounts they protect (Redis is a cache here: a restart without persistence would sign everyone out). Keys are
/// written once and never changed, so a plain insert is the whole write path; the key manager reads the ring again
/// when it meets a key it does not know, and every day.
/// </summary>
internal sealed class DatabaseKeyRepository(IDbContextFactory<InterviewDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return [.. db.Set<StoredKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        db.Add(StoredKey.Create(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        db.SaveChanges();
    }
}
