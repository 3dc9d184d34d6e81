using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Interview.Web.Media;

/// <summary>
/// An uploaded image as stored (re-encoded, <see cref="ImageStore"/>), in the database so that every instance serves
/// it: <see cref="Path"/> is its URL after <c>/media/</c>, and never changes (a new upload gets a new name).
/// </summary>
public sealed class StoredImage
{
    public const int MaxPathLength = 100;

    public string Path { get; private set; } = "";
    public string MediaType { get; private set; } = "";
    public byte[] Bytes { get; private set; } = [];

    /// <summary>SHA-256 of <see cref="Bytes"/> in hex: the ETag, and a check that what is served is what was stored.</summary>
    public string Sha256 { get; private set; } = "";

    public DateTimeOffset StoredAt { get; private set; }

    public static StoredImage Create(string path, string mediaType, byte[] bytes, DateTimeOffset storedAt) => new()
    {
        Path = path,
        MediaType = mediaType,
        Bytes = bytes,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        StoredAt = storedAt,
    };
}

internal sealed class StoredImageConfiguration : IEntityTypeConfiguration<StoredImage>
{
    public void Configure(EntityTypeBuilder<StoredImage> builder)
    {
        builder.ToTable("Images");
        builder.HasKey(i => i.Path);
        builder.Property(i => i.Path).HasMaxLength(StoredImage.MaxPathLength);
        builder.Property(i => i.MediaType).HasMaxLength(32);
        builder.Property(i => i.Sha256).HasMaxLength(64);
    }
}
