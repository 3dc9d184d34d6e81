using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interview.Web.Media;
using Interview.Web.Public;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Interview.Web.Archive;

/// <summary>
/// A published session as one self-contained HTML file (静态快照): rendered by the archive page's own components, with
/// the stylesheet inline, the images inside as data: URIs (read from the image store and the web root, never over
/// HTTP), every link absolute back to the site, and no script. It opens and looks right with no network at all.
/// </summary>
public sealed class SnapshotWriter(IServiceScopeFactory scopes, ILoggerFactory loggers, ImageStore images, IWebHostEnvironment environment)
{
    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".gif"] = "image/gif",
    };

    public async Task<string> WriteAsync(ArchiveView archive, ExportContext export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        var css = await ReadAssetTextAsync("css/site.css", cancellationToken);
        string html;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var renderer = new HtmlRenderer(scope.ServiceProvider, loggers))
        {
            html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var root = await renderer.RenderComponentAsync<ArchiveSnapshot>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(ArchiveSnapshot.Archive)] = archive,
                    [nameof(ArchiveSnapshot.Export)] = export,
                    [nameof(ArchiveSnapshot.Css)] = css,
                }));
                return root.ToHtmlString();
            });
        }
        return await SelfContainedAsync(html, export.SiteBase, cancellationToken);
    }

    /// <summary>Images inside, links absolute, anything that would load or run something removed.</summary>
    private async Task<string> SelfContainedAsync(string html, string siteBase, CancellationToken cancellationToken)
    {
        var document = await new HtmlParser().ParseDocumentAsync(html, cancellationToken);
        foreach (var element in document.QuerySelectorAll("script, iframe, frame, object, embed, base, video, audio, source, track").ToList())
        {
            element.Remove();
        }
        foreach (var link in document.QuerySelectorAll("link").Where(l => l.GetAttribute("href")?.StartsWith("data:", StringComparison.Ordinal) != true).ToList())
        {
            link.Remove();
        }
        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            await InlineAsync(document, image, siteBase, cancellationToken);
        }
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!.Trim();
            switch (Scheme(href))
            {
                case "http" or "https" or "mailto":
                    break;
                case null when href.StartsWith('#'):
                    break;
                case null when !href.StartsWith("//", StringComparison.Ordinal):
                    link.SetAttribute("href", SiteAddress.Absolute(siteBase, href.StartsWith('/') ? href : "/" + href));
                    break;
                default:
                    link.RemoveAttribute("href");
                    break;
            }
        }
        return "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml;
    }

    private async Task InlineAsync(IDocument document, IElement image, string siteBase, CancellationToken cancellationToken)
    {
        image.RemoveAttribute("srcset");
        image.RemoveAttribute("loading");
        var src = image.GetAttribute("src") ?? "";
        var local = src.StartsWith(siteBase + "/", StringComparison.OrdinalIgnoreCase) ? src[siteBase.Length..] : src;
        var data = await DataUriAsync(local, cancellationToken);
        if (data is not null)
        {
            image.SetAttribute("src", data);
            return;
        }
        // An image from elsewhere (or one that is gone) cannot come along: a link to it stands in its place.
        var alt = image.GetAttribute("alt") is { Length: > 0 } text ? text : Text.PublicWords.Word("ArchiveImage");
        if (Scheme(src) is "http" or "https")
        {
            var link = document.CreateElement("a");
            link.SetAttribute("href", src);
            link.TextContent = $"［{alt}］";
            image.Replace(link);
        }
        else
        {
            image.Replace(document.CreateTextNode($"［{alt}］"));
        }
    }

    private async Task<string?> DataUriAsync(string src, CancellationToken cancellationToken)
    {
        if (src.StartsWith(ImageStore.RequestPath + "/", StringComparison.Ordinal))
        {
            return await images.ReadAsync(src, cancellationToken) is var (bytes, type) ? DataUri(type, bytes) : null;
        }
        if (src.Length == 0 || src.StartsWith("//", StringComparison.Ordinal) || Scheme(src) is not null)
        {
            return null;
        }
        var path = src.Split('?', '#')[0].TrimStart('/');
        if (!AssetTypes.TryGetValue(Path.GetExtension(path), out var mediaType))
        {
            return null;
        }
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }
        await using var stream = file.CreateReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return DataUri(mediaType, buffer.ToArray());
    }

    private async Task<string> ReadAssetTextAsync(string path, CancellationToken cancellationToken)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"The stylesheet {path} is missing from the web root.");
        }
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>The scheme an address starts with (lower case), or null for a path. (Uri takes "/x" for a file on Unix.)</summary>
    private static string? Scheme(string address)
    {
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(address[0])
            && address.AsSpan(0, colon).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") < 0
                ? address[..colon].ToLowerInvariant()
                : null;
    }

    private static string DataUri(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";
}
