namespace Interview.Domain.Interviews;

/// <summary>
/// Text as a staff member wrote it (Markdown) together with what the site's one renderer made of it: sanitized
/// HTML and plain text. The domain stores the three together so that every output shows the same thing.
/// </summary>
public sealed record RenderedText(string Markdown, string Html, string PlainText)
{
    public static RenderedText Empty { get; } = new("", "", "");
}
