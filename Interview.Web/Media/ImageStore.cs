using System.Text.RegularExpressions;
using Interview.Domain;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Media;

/// <summary>
/// Stores uploaded images (guest photos, 图文直播 photos) in the database (<see cref="StoredImage"/>), so that every
/// instance serves every image. Nothing uploaded is stored as sent: the bytes must decode as a JPEG, PNG or WebP image
/// whatever the name or declared type says, and what is stored is a fresh encoding of the decoded pixels
/// (<see cref="ImageReencoder"/>), so metadata (EXIF GPS, comments) and anything riding along (HTML, script, a ZIP
/// appended after the image) is gone. They are served from <c>/media/…</c> with their true type (<see cref="ImageEndpoints"/>).
/// A photo that is replaced or removed is deleted (<see cref="Delete"/>), so no orphans pile up. Images that earlier
/// versions wrote to the data folder's uploads are imported once at start (<see cref="ImportUploadsAsync"/>).
/// </summary>
public sealed partial class ImageStore(
    IOptions<InterviewOptions> options, IWebHostEnvironment environment, IDbContextFactory<InterviewDbContext> contexts,
    TimeProvider clock, ILogger<ImageStore>? logger = null)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string RequestPath = "/media";

    /// <summary>Where earlier versions kept uploads; read once at start to import them.</summary>
    public string Root => System.IO.Path.Combine(options.Value.DataDirectoryPath(environment.ContentRootPath), Operations.DataFolder.Uploads);

    /// <summary>Decodes and re-encodes the image, stores it under <paramref name="folder"/> and returns its site-relative URL.</summary>
    public async Task<string> SaveAsync(Stream content, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, cancellationToken);
        var image = ImageReencoder.Reencode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var path = $"{folder}/{Guid.NewGuid():N}.{image.Extension}";
        if (!StoredPath().IsMatch(path))
        {
            throw new ArgumentException($"Not a folder for images: {folder}", nameof(folder));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(StoredImage.Create(path, MediaTypeOf(image.Extension), image.Bytes, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return $"{RequestPath}/{path}";
    }

    /// <summary>
    /// The stored image behind a site-relative <c>/media/…</c> URL with its media type, or null when the URL is not one
    /// of ours (not our naming, or nothing stored under it).
    /// </summary>
    public async Task<(byte[] Bytes, string MediaType)?> ReadAsync(string url, CancellationToken cancellationToken = default) =>
        await FindAsync(url, cancellationToken) is { } image ? (image.Bytes, image.MediaType) : null;

    /// <summary>The stored image behind a <c>/media/…</c> URL, or null.</summary>
    public async Task<StoredImage?> FindAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (PathOf(url) is not { } path)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StoredImage>().AsNoTracking().SingleOrDefaultAsync(i => i.Path == path, cancellationToken);
    }

    /// <summary>
    /// Deletes the stored image behind a <c>/media/…</c> URL (a replaced or removed photo); anything that is not one of
    /// ours is left alone. Call it after the change that dropped the URL was saved: a failed save keeps the photo.
    /// </summary>
    public void Delete(string? url)
    {
        if (url is null || PathOf(url) is not { } path)
        {
            return;
        }
        try
        {
            using var db = contexts.CreateDbContext();
            db.Set<StoredImage>().Where(i => i.Path == path).ExecuteDelete();
            var file = System.IO.Path.Combine(Root, path);
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // The change itself was saved; an image that cannot go now is logged rather than failing the staff action.
            logger?.LogWarning(e, "Could not delete the replaced image {Path}", path);
        }
    }

    /// <summary>
    /// Stores a copy of the image behind <paramref name="url"/> under a new name in <paramref name="db"/> (saved with the
    /// caller's change) and returns the copy's URL; null for null or for an address that is not one of our images. A
    /// rehearsal (彩排) owns its copies, so wiping it never touches the real session's photos.
    /// </summary>
    public async Task<string?> CopyAsync(InterviewDbContext db, string? url, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (url is null || PathOf(url) is not { } path
            || await db.Set<StoredImage>().AsNoTracking().SingleOrDefaultAsync(i => i.Path == path, cancellationToken) is not { } image)
        {
            return null;
        }
        var copy = $"{folder}/{Guid.NewGuid():N}{System.IO.Path.GetExtension(path)}";
        db.Add(StoredImage.Create(copy, image.MediaType, image.Bytes, clock.GetUtcNow()));
        return $"{RequestPath}/{copy}";
    }

    /// <summary>
    /// Deletes the stored images behind these <c>/media/…</c> URLs inside the caller's transaction (a wipe that
    /// deletes them with what referred to them); files an earlier version left in the uploads folder go after the
    /// commit, through <see cref="Delete"/>. Returns how many rows were deleted.
    /// </summary>
    public static async Task<int> DeleteInAsync(InterviewDbContext db, IEnumerable<string> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var paths = urls.Select(PathOf).OfType<string>().Distinct().ToList();
        return paths.Count == 0 ? 0 : await db.Set<StoredImage>().Where(i => paths.Contains(i.Path)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The <c>/media/…</c> addresses a text (an entry's Markdown) names.</summary>
    public static IEnumerable<string> UrlsIn(string? text) =>
        text is null ? [] : MediaUrl().Matches(text).Select(m => m.Value).Where(u => PathOf(u) is not null);

    [GeneratedRegex("/media/[a-z][a-z0-9-]{0,30}/[0-9a-f]{32}\\.(?:jpg|png|webp)", RegexOptions.CultureInvariant)]
    private static partial Regex MediaUrl();

    /// <summary>
    /// Copies the images that earlier versions wrote to the uploads folder into the database (those not there yet), so
    /// that their URLs keep working on every instance. The files stay where they are. Returns how many were imported.
    /// </summary>
    public async Task<int> ImportUploadsAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }
        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var path = System.IO.Path.GetRelativePath(Root, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            if (!StoredPath().IsMatch(path))
            {
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (Sniff(bytes) is not { } type || await db.Set<StoredImage>().AnyAsync(i => i.Path == path, cancellationToken))
            {
                continue;
            }
            db.Add(StoredImage.Create(path, MediaTypeOf(type), bytes, new DateTimeOffset(File.GetLastWriteTimeUtc(file))));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                imported++;
            }
            catch (DbUpdateException)
            {
                // Another instance starting on the same folder imported it first.
            }
        }
        return imported;
    }

    /// <summary>The image type the bytes begin with, or null: the declared type and the file name are not trusted.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "jpg";
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }
        return null;
    }

    private static string MediaTypeOf(string extension) => extension switch
    {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, "Not a stored image type."),
    };

    /// <summary>The stored path a <c>/media/…</c> URL names (a folder and a generated name), or null for anything else.</summary>
    private static string? PathOf(string url)
    {
        var path = url.Split('?', '#')[0];
        if (!path.StartsWith(RequestPath + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var stored = path[(RequestPath.Length + 1)..];
        return StoredPath().IsMatch(stored) ? stored : null;
    }

    /// <summary>What we name images: a folder of lower-case letters, a GUID, and the type we encoded. Nothing else is looked up.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}/[0-9a-f]{32}\\.(?:jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredPath();

    private static async Task CopyLimitedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                throw new DomainException(Text.SiteErrorCodes.ImageTooBig, MaxBytes / 1024 / 1024);
            }
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        if (total == 0)
        {
            throw new DomainException(Text.SiteErrorCodes.ImageEmpty);
        }
    }
}
