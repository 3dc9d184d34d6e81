using System.Text;
using Interview.Domain;
using Interview.Web.Media;
using Interview.Web.Text;

namespace Interview.Web.Live;

/// <summary>
/// 图文直播: a photo with its caption posted as an entry of its own (the host's, 主持人), by the host or the typist.
/// The entry is Markdown like any other: the image with the caption as its alt text, and the caption again under it for
/// the eye. The caption is escaped as Markdown, so what staff type is shown as typed, never read as markup.
/// </summary>
public static class PhotoEntry
{
    public const int MaxCaptionLength = 200;

    /// <summary>The caption as it will be shown: one line, trimmed; refused when empty or too long.</summary>
    public static string Caption(string? caption)
    {
        var text = string.Join(' ', (caption ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
        if (text.Length == 0)
        {
            throw new DomainException(SiteErrorCodes.PhotoCaptionRequired);
        }
        if (text.Length > MaxCaptionLength)
        {
            throw new DomainException(SiteErrorCodes.PhotoCaptionTooLong, MaxCaptionLength);
        }
        return text;
    }

    /// <summary>The entry's Markdown for a photo stored by <see cref="ImageStore"/> (a <c>/media/…</c> address).</summary>
    public static string Markdown(string photoUrl, string caption)
    {
        ArgumentNullException.ThrowIfNull(photoUrl);
        var escaped = Escape(Caption(caption));
        return $"![{escaped}]({photoUrl})\n\n{escaped}";
    }

    // CommonMark lets a backslash escape any ASCII punctuation: each is then a literal character, in the alt text too.
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c)))
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
