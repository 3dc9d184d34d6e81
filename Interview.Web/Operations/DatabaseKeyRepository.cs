using System.Security.Cryptography;
using System.Xml.Linq;
using Interview.Web.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
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

/// <summary>
/// Makes the ring's first key once for all instances. Left alone, instances starting together on an empty ring would
/// each make a key at first use; each then knows only its own (a key it does not know is looked up again only in its
/// first two minutes) and rejects the others' cookies and tokens until its daily refresh. So at start the instance
/// that claims the founding (a row in <see cref="SharedSecret"/>) makes the key, and the others wait for it, before
/// data protection's own start loads the ring (Hosting/RedisServices registers this first). Later keys
/// are made days before they activate, which the daily refresh already spreads.
/// </summary>
internal sealed class FirstKeyOnce(
    IKeyManager keys, IDbContextFactory<InterviewDbContext> contexts, TimeProvider clock, ILogger<FirstKeyOnce> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (HasActiveKey())
        {
            return;
        }
        var claim = RandomNumberGenerator.GetBytes(16);
        if (SharedSecret.GetOrAdd(contexts, "data-protection-first-key", () => claim).AsSpan().SequenceEqual(claim))
        {
            var now = clock.GetUtcNow();
            keys.CreateNewKey(now, now.AddDays(90));
            return;
        }
        var until = clock.GetUtcNow() + Patience;
        while (!HasActiveKey())
        {
            if (clock.GetUtcNow() > until)
            {
                logger.LogWarning("No data-protection key appeared from the instance that claimed the first one; this instance makes its own.");
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool HasActiveKey()
    {
        var now = clock.GetUtcNow();
        // Data protection itself allows five minutes of clock difference between machines for a key to be current.
        return keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now.AddMinutes(5) && k.ExpirationDate > now);
    }
}
