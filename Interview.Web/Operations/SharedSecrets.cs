using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Operations;

/// <summary>A secret every instance must hold the same (the client-key secret), kept in the database when instances are several.</summary>
public sealed class SharedSecret
{
    public string Name { get; private set; } = "";
    public byte[] Value { get; private set; } = [];

    /// <summary>
    /// The secret named <paramref name="name"/>: the one in the database, or <paramref name="create"/>'s, stored for the
    /// others. The first instance to store it wins a race; the loser reads the winner's.
    /// </summary>
    public static byte[] GetOrAdd(IDbContextFactory<InterviewDbContext> contexts, string name, Func<byte[]> create)
    {
        using (var db = contexts.CreateDbContext())
        {
            if (db.Set<SharedSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).SingleOrDefault() is { } stored)
            {
                return stored;
            }
            try
            {
                var value = create();
                db.Add(new SharedSecret { Name = name, Value = value });
                db.SaveChanges();
                return value;
            }
            catch (DbUpdateException)
            {
                // Another instance stored it first.
            }
        }
        using var again = contexts.CreateDbContext();
        return again.Set<SharedSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).Single();
    }
}

internal sealed class SharedSecretConfiguration : IEntityTypeConfiguration<SharedSecret>
{
    public void Configure(EntityTypeBuilder<SharedSecret> builder)
    {
        builder.ToTable("SharedSecrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
    }
}
