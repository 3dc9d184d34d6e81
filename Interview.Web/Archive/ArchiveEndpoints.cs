using System.Text;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Interview.Web.Archive;

/// <summary>
/// The downloads of a published session (文字实录): Markdown and a self-contained HTML snapshot. Any other state, a
/// draft or an unknown id is a 404: only what has been published as an archive is offered as a file.
/// </summary>
public static class ArchiveEndpoints
{
    private const int FileNameLength = 60;

    public static IEndpointRouteBuilder MapArchiveDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/interviews/{id:int}/transcript.md", Markdown).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/interviews/{id:int}/snapshot.html", Snapshot).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Markdown(
        int id, HttpContext http, PublicCatalog catalog, SiteTime time, TimeProvider clock, IOptions<InterviewOptions> options,
        CancellationToken cancellationToken)
    {
        if (await catalog.ArchiveAsync(id, cancellationToken) is not { } archive)
        {
            return Results.NotFound();
        }
        var markdown = TranscriptMarkdown.Write(archive, Export(http, time, clock, options.Value));
        return Download(http, markdown, "text/markdown; charset=utf-8", archive, ".md");
    }

    private static async Task<IResult> Snapshot(
        int id, HttpContext http, PublicCatalog catalog, SnapshotWriter writer, SiteTime time, TimeProvider clock,
        IOptions<InterviewOptions> options, CancellationToken cancellationToken)
    {
        if (await catalog.ArchiveAsync(id, cancellationToken) is not { } archive)
        {
            return Results.NotFound();
        }
        var html = await writer.WriteAsync(archive, Export(http, time, clock, options.Value), cancellationToken);
        return Download(http, html, "text/html; charset=utf-8", archive, ".html");
    }

    private static ExportContext Export(HttpContext http, SiteTime time, TimeProvider clock, InterviewOptions options) =>
        new(SiteAddress.Base(http.Request, options), Text.SiteCultures.SiteName(options), clock.GetUtcNow(), time);

    private static IResult Download(HttpContext http, string content, string contentType, ArchiveView archive, string extension)
    {
        var disposition = new ContentDispositionHeaderValue("attachment")
        {
            // Old clients read the plain name; everything else the UTF-8 one with the title.
            FileName = $"interview-{archive.Detail.Id}{extension}",
            FileNameStar = FileName(archive.Detail.Card.Title, archive.Detail.Id) + extension,
        };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        // The page is what search engines should index, not its copies.
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Bytes(Encoding.UTF8.GetBytes(content), contentType);
    }

    /// <summary>The title as a file name: no characters that file systems refuse, not too long.</summary>
    internal static string FileName(string title, int id)
    {
        var name = new StringBuilder(title.Length);
        foreach (var c in title.Trim())
        {
            name.Append(char.IsControl(c) || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        var text = name.ToString().Trim('.', ' ');
        if (text.Length > FileNameLength)
        {
            text = text[..(char.IsHighSurrogate(text[FileNameLength - 1]) ? FileNameLength - 1 : FileNameLength)];
        }
        return (text.Length > 0 ? text : Text.PublicWords.Word("ArchiveFileName", id)) + Text.PublicWords.Word("ArchiveFileNameSuffix");
    }
}
