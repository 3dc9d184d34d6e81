using Interview.Domain;
using SkiaSharp;

namespace Interview.Web.Media;

/// <summary>An image as it is stored: freshly encoded bytes and the file extension of their type.</summary>
public sealed record EncodedImage(byte[] Bytes, string Extension);

/// <summary>
/// Decodes an upload and encodes its pixels anew with SkiaSharp (maintained, MIT): only the picture survives, never
/// the file. EXIF (GPS, camera serials), ICC and comment segments, and whatever a polyglot hides in them or after the
/// image's end are not carried over. The pixel count is checked from the header before anything is decoded, so a
/// small file that declares a huge canvas (a decompression bomb) is refused without allocating it.
/// </summary>
public static class ImageReencoder
{
    /// <summary>40 megapixels: more than any camera phone writes; decoded that is 160 MB, the most one upload may take.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>A fixed quality: high enough for faces and slides, and small enough for a 2 Mbit/s portal.</summary>
    public const int JpegQuality = 85;

    /// <summary>
    /// JPEG for opaque pictures, PNG where the picture has transparency; upright (EXIF orientation applied, since the
    /// tag that said how to turn it is dropped) and in sRGB (the colour profile is applied, then dropped).
    /// </summary>
    public static EncodedImage Reencode(ReadOnlySpan<byte> upload)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data)
            ?? throw new DomainException(Text.SiteErrorCodes.ImageUnrecognized);
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            throw new DomainException(Text.SiteErrorCodes.ImageFormatRefused, codec.EncodedFormat.ToString().ToUpperInvariant());
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            throw new DomainException(Text.SiteErrorCodes.ImageTooLarge, width, height, MaxPixels / 10_000);
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            throw new DomainException(Text.SiteErrorCodes.ImageCorrupt);
        }
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var transparent = codec.Info.AlphaType != SKAlphaType.Opaque && HasTransparency(upright ?? decoded);
        using var image = SKImage.FromBitmap(upright ?? decoded);
        using var encoded = transparent
            ? image.Encode(SKEncodedImageFormat.Png, 100)
            : image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return new EncodedImage(encoded.ToArray(), transparent ? "png" : "jpg");
    }

    private static bool HasTransparency(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var alpha = 3; alpha < pixels.Length; alpha += 4)
        {
            if (pixels[alpha] != 255)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The picture turned as its EXIF orientation says, or null when it is already upright.</summary>
    private static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return null;
        }
        var (w, h) = (source.Width, source.Height);
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // Each maps a source pixel (x, y) to where it belongs: x' = sx·x + kx·y + tx, y' = ky·x + sy·y + ty.
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var target = new SKBitmap(source.Info.WithSize(sideways ? h : w, sideways ? w : h));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return target;
    }
}
