using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Interview.Tests.Support;

/// <summary>
/// Real images for upload tests, encoded by SkiaSharp, and the hostile variants an attacker would send: an EXIF block
/// with GPS, HTML in a comment segment, script or a ZIP after the image's end, a header that declares a huge canvas.
/// </summary>
public static class TestImages
{
    /// <summary>A 1×1 GIF that is also an HTML page: the bytes after the GIF's end are markup a browser would run.</summary>
    public static readonly byte[] GifHtmlPolyglot =
    [
        .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x02, 0x44, 0x01, 0x00, 0x3B, .. "<html><script>alert(document.cookie)</script></html>"u8,
    ];

    public static byte[] Jpeg(int width = 8, int height = 6) => Encode(width, height, SKEncodedImageFormat.Jpeg, transparent: false);

    public static byte[] Png(int width = 8, int height = 6, bool transparent = false) => Encode(width, height, SKEncodedImageFormat.Png, transparent);

    public static byte[] WebP(int width = 8, int height = 6) => Encode(width, height, SKEncodedImageFormat.Webp, transparent: false);

    /// <summary>
    /// A JPEG with an EXIF block right after its start: orientation 6 (turn 90° clockwise to view), GPS latitude
    /// 39°54'27.1" N and an image description carrying <paramref name="secret"/>.
    /// </summary>
    public static byte[] JpegWithExif(string secret, int width = 8, int height = 6)
    {
        var tiff = new byte[104 + Encoding.ASCII.GetByteCount(secret) + 1];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        var ifd0 = new Ifd(tiff, 8, 3);
        ifd0.Entry(0x010E, 2, (uint)(secret.Length + 1), 104);   // ImageDescription → the secret
        ifd0.Entry(0x0112, 3, 1, 6);                              // Orientation: rotate 90° clockwise
        ifd0.Entry(0x8825, 4, 1, 50);                             // GPS IFD
        var gps = new Ifd(tiff, 50, 2);
        gps.Entry(0x0001, 2, 2, 'N');                             // GPSLatitudeRef "N"
        gps.Entry(0x0002, 5, 3, 80);                              // GPSLatitude, three rationals
        uint[] latitude = [39, 1, 54, 1, 2710, 100];
        for (var i = 0; i < latitude.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(80 + 4 * i), latitude[i]);
        }
        Encoding.ASCII.GetBytes(secret).CopyTo(tiff, 104);
        return WithSegment(Jpeg(width, height), 0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    /// <summary>A JPEG whose comment segment is an HTML page and which goes on after its end with a script.</summary>
    public static byte[] JpegHtmlPolyglot() =>
        [.. WithSegment(Jpeg(), 0xFE, "<html><body><script>alert('comment')</script></body></html>"u8.ToArray()), .. "<script>alert('tail')</script>"u8];

    /// <summary>A PNG followed by a ZIP archive (a PNG/ZIP polyglot: a ZIP reader finds its directory from the end).</summary>
    public static byte[] PngZipPolyglot() => [.. Png(transparent: true), .. "PK\u0003\u0004evil.js alert(1)PK\u0005\u0006"u8];

    /// <summary>A small JPEG whose frame header claims <paramref name="width"/>×<paramref name="height"/> pixels (a decompression bomb).</summary>
    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var bytes = Jpeg();
        for (var i = 2; i + 8 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                // SOFn: marker, length (2), precision (1), height (2), width (2).
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), width);
                return bytes;
            }
        }
        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    /// <summary>Width, height and type of stored bytes, as a decoder reads them.</summary>
    public static (int Width, int Height, SKEncodedImageFormat Format, SKEncodedOrigin Origin) Read(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes)) ?? throw new InvalidOperationException("Not an image.");
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat, codec.EncodedOrigin);
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, bool transparent)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(transparent ? SKColors.Transparent : SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>Inserts a marker segment right after the JPEG's start (SOI).</summary>
    private static byte[] WithSegment(byte[] jpeg, byte marker, byte[] payload)
    {
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [.. jpeg.AsSpan(0, 2), 0xFF, marker, .. length, .. payload, .. jpeg.AsSpan(2)];
    }

    private sealed class Ifd
    {
        private readonly byte[] _tiff;
        private int _next;

        public Ifd(byte[] tiff, int offset, ushort count)
        {
            _tiff = tiff;
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(offset), count);
            _next = offset + 2;
            // The offset of the next IFD after the entries stays 0: there is none.
        }

        public void Entry(ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_tiff.AsSpan(_next), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(_tiff.AsSpan(_next + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(_tiff.AsSpan(_next + 4), count);
            BinaryPrimitives.WriteUInt32LittleEndian(_tiff.AsSpan(_next + 8), value);
            _next += 12;
        }
    }
}
