using Interview.Domain;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Media;

public sealed class ImageStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _root = "";
    private ImageStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _root = _database.Directory;
        _store = new ImageStore(Options.Create(new InterviewOptions { DataDirectory = _root }), new Environment(_root), _database, TimeProvider.System);
    }

    [Theory]
    [InlineData("jpg", "jpg")]
    [InlineData("png", "jpg")]
    [InlineData("transparent png", "png")]
    [InlineData("webp", "jpg")]
    public async Task RealImagesAreStoredAsAFreshEncodingOfTheirPixels(string sent, string stored)
    {
        var bytes = sent switch
        {
            "jpg" => TestImages.Jpeg(),
            "png" => TestImages.Png(),
            "transparent png" => TestImages.Png(transparent: true),
            _ => TestImages.WebP(),
        };

        var url = await _store.SaveAsync(new MemoryStream(bytes), "guests");

        Assert.Matches($"^/media/guests/[0-9a-f]{{32}}\\.{stored}$", url);
        var saved = await StoredBytesAsync(url);
        Assert.Equal((8, 6), (TestImages.Read(saved).Width, TestImages.Read(saved).Height));
        Assert.Equal(stored, ImageStore.Sniff(saved));
    }

    [Fact]
    public async Task ExifWithGpsIsStrippedAndThePhotoIsTurnedUpright()
    {
        var upload = TestImages.JpegWithExif("GPS-39.9075N-116.3972E", width: 8, height: 6);
        Assert.Equal(SkiaSharp.SKEncodedOrigin.RightTop, TestImages.Read(upload).Origin);

        var saved = await StoredBytesAsync(await _store.SaveAsync(new MemoryStream(upload), "live"));

        Assert.False(TestImages.Contains(saved, "Exif"));
        Assert.False(TestImages.Contains(saved, "GPS-39.9075N"));
        var (width, height, _, origin) = TestImages.Read(saved);
        Assert.Equal((6, 8, SkiaSharp.SKEncodedOrigin.TopLeft), (width, height, origin));
    }

    [Fact]
    public async Task HtmlInAJpegCommentAndScriptAfterItsEndDoNotSurvive()
    {
        var upload = TestImages.JpegHtmlPolyglot();
        Assert.True(TestImages.Contains(upload, "<script>alert('tail')"));

        var saved = await StoredBytesAsync(await _store.SaveAsync(new MemoryStream(upload), "live"));

        Assert.False(TestImages.Contains(saved, "<script"));
        Assert.False(TestImages.Contains(saved, "<html"));
        Assert.Equal("jpg", ImageStore.Sniff(saved));
    }

    [Fact]
    public async Task AZipAppendedToAPngDoesNotSurvive()
    {
        var saved = await StoredBytesAsync(await _store.SaveAsync(new MemoryStream(TestImages.PngZipPolyglot()), "live"));

        Assert.False(TestImages.Contains(saved, "PK\u0003\u0004"));
        Assert.False(TestImages.Contains(saved, "evil.js"));
        Assert.Equal("png", ImageStore.Sniff(saved));
    }

    [Fact]
    public async Task AGifThatIsAlsoAnHtmlPageIsRefused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(TestImages.GifHtmlPolyglot), "live"));

        Assert.Contains("只能上传 JPEG、PNG 或 WebP 格式的图片", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task AnImageThatDeclaresAHugeCanvasIsRefusedBeforeItIsDecoded()
    {
        var bomb = TestImages.JpegClaiming(30_000, 30_000);
        Assert.True(bomb.Length < 2_000);

        var error = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(bomb), "live"));

        Assert.Contains("30000×30000", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Contains("图片尺寸过大", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task AHeaderWithoutAnImageBehindItIsRefused(string type)
    {
        byte[] bytes = type switch
        {
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
            "jpg" => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F'],
            _ => [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. "WEBPVP8 "u8.ToArray()],
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(bytes), "guests"));

        Assert.Contains("JPEG、PNG 或 WebP", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task DeletingRemovesOnlyThatImageAndNothingOutsideTheStore()
    {
        var url = await _store.SaveAsync(new MemoryStream(TestImages.Jpeg()), "guests");
        var kept = await _store.SaveAsync(new MemoryStream(TestImages.Png()), "guests");
        var outside = Path.Combine(_root, "interview.db");

        _store.Delete(url);
        _store.Delete("/media/../interview.db");
        _store.Delete("/img/guest.svg");

        Assert.Null(await _store.ReadAsync(url));
        Assert.NotNull(await _store.ReadAsync(kept));
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task ImagesThatEarlierVersionsLeftInTheUploadsFolderAreImportedOnceAndKeepTheirUrls()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_store.Root, "guests")).FullName;
        var name = $"{Guid.NewGuid():N}.jpg";
        var jpeg = TestImages.Jpeg();
        await File.WriteAllBytesAsync(Path.Combine(folder, name), jpeg);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{Guid.NewGuid():N}.png"), "<html>not an image</html>");
        await File.WriteAllTextAsync(Path.Combine(_store.Root, "notes.txt"), "not ours");

        var first = await _store.ImportUploadsAsync();
        var again = await _store.ImportUploadsAsync();

        Assert.Equal((1, 0), (first, again));
        var (bytes, type) = (await _store.ReadAsync($"/media/guests/{name}"))!.Value;
        Assert.Equal(jpeg, bytes);
        Assert.Equal("image/jpeg", type);
        Assert.Equal(1, await StoredCountAsync());
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("GIF89a......")]
    [InlineData("%PDF-1.7")]
    public async Task FilesThatAreNotJpegPngOrWebpAreRefusedWhateverTheyClaim(string content)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _store.SaveAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "guests"));

        Assert.Contains("JPEG", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task OversizedAndEmptyFilesAreRefused()
    {
        var big = new byte[ImageStore.MaxBytes + 1];
        TestImages.Png().CopyTo(big, 0);

        var tooBig = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(big), "guests"));
        var empty = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(), "guests"));

        Assert.Contains("5 MB", global::Interview.Web.Text.ErrorText.Of(tooBig, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.Contains("空", global::Interview.Web.Text.ErrorText.Of(empty, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    private async Task<byte[]> StoredBytesAsync(string url) => (await _store.ReadAsync(url))!.Value.Bytes;

    private async Task<int> StoredCountAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Set<StoredImage>().CountAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private sealed class Environment(string root) : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "Interview.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = Environments.Production;
    }
}
