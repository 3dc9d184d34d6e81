using Interview.Domain;
using Microsoft.Extensions.Options;

namespace Interview.Web.Media;

/// <summary>
/// Stores uploaded images (guest photos, 图文直播 photos) in the data folder. Nothing uploaded is stored as sent: the
/// bytes must decode as a JPEG, PNG or WebP image whatever the name or declared type says, and what is stored is a
/// fresh encoding of the decoded pixels (<see cref="ImageReencoder"/>), so metadata (EXIF GPS, comments) and anything
/// riding along (HTML, script, a ZIP appended after the image) is gone. They are served from <c>/media/…</c> with their
/// true type. A photo that is replaced or removed is deleted (<see cref="Delete"/>), so no orphans pile up.
/// </summary>
public sealed class ImageStore(IOptions<InterviewOptions> options, IWebHostEnvironment environment, ILogger<ImageStore>? logger = null)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string RequestPath = "/media";

    public string Root => Path.Combine(options.Value.DataDirectoryPath(environment.ContentRootPath), "uploads");

    /// <summary>Decodes and re-encodes the image, saves it under <paramref name="folder"/> and returns its site-relative URL.</summary>
    public async Task<string> SaveAsync(Stream content, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, cancellationToken);
        var image = ImageReencoder.Reencode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var directory = Path.Combine(Root, folder);
        Directory.CreateDirectory(directory);
        var name = $"{Guid.NewGuid():N}.{image.Extension}";
        await File.WriteAllBytesAsync(Path.Combine(directory, name), image.Bytes, cancellationToken);
        return $"{RequestPath}/{folder}/{name}";
    }

    /// <summary>
    /// The stored image behind a site-relative <c>/media/…</c> URL with its media type, or null when the URL is not one
    /// of ours (outside the folder, missing, or not an image by its bytes).
    /// </summary>
    public async Task<(byte[] Bytes, string MediaType)?> ReadAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (FileOf(url) is not { } file || !File.Exists(file))
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        return Sniff(bytes) switch
        {
            "jpg" => (bytes, "image/jpeg"),
            "png" => (bytes, "image/png"),
            "webp" => (bytes, "image/webp"),
            _ => null,
        };
    }

    /// <summary>
    /// Deletes the stored image behind a <c>/media/…</c> URL (a replaced or removed photo); anything that is not one of
    /// ours is left alone. Call it after the change that dropped the URL was saved: a failed save keeps the photo.
    /// </summary>
    public void Delete(string? url)
    {
        if (url is null || FileOf(url) is not { } file)
        {
            return;
        }
        try
        {
            File.Delete(file);
        }
        catch (IOException e)
        {
            // The change itself was saved; a file that cannot go now is logged rather than failing the staff action.
            logger?.LogWarning(e, "Could not delete the replaced image {File}", file);
        }
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

    /// <summary>The file under <see cref="Root"/> that a <c>/media/…</c> URL names, or null when it points elsewhere.</summary>
    private string? FileOf(string url)
    {
        var path = url.Split('?', '#')[0];
        if (!path.StartsWith(RequestPath + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var file = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(path[(RequestPath.Length + 1)..])));
        return file.StartsWith(root, StringComparison.Ordinal) ? file : null;
    }

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
                throw new DomainException($"图片不能超过 {MaxBytes / 1024 / 1024} MB。");
            }
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        if (total == 0)
        {
            throw new DomainException("图片是空的。");
        }
    }
}
