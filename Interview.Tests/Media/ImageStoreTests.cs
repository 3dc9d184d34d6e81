using Interview.Domain;
using Interview.Web;
using Interview.Web.Media;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Media;

public sealed class ImageStoreTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
    private readonly ImageStore _store;

    public ImageStoreTests() =>
        _store = new ImageStore(Options.Create(new InterviewOptions { DataDirectory = _root }), new Environment(_root));

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task RealImagesAreStoredUnderTheirTrueType(string type)
    {
        byte[] bytes = type switch
        {
            "png" => Png,
            "jpg" => Jpeg,
            _ => [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. "WEBPVP8 "u8.ToArray()],
        };

        var url = await _store.SaveAsync(new MemoryStream(bytes), "guests");

        Assert.StartsWith("/media/guests/", url, StringComparison.Ordinal);
        Assert.EndsWith("." + type, url, StringComparison.Ordinal);
        var file = Path.Combine(_store.Root, "guests", Path.GetFileName(url));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
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

        Assert.Contains("JPEG", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_store.Root, "guests")) && Directory.EnumerateFiles(Path.Combine(_store.Root, "guests")).Any());
    }

    [Fact]
    public async Task OversizedAndEmptyFilesAreRefused()
    {
        var big = new byte[ImageStore.MaxBytes + 1];
        Png.CopyTo(big, 0);

        var tooBig = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(big), "guests"));
        var empty = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(), "guests"));

        Assert.Contains("5 MB", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("空", empty.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

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
