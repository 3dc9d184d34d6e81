using Ganss.Xss;
using Interview.Domain;
using Interview.Domain.Interviews;
using Markdig;

namespace Interview.Web.Text;

/// <summary>
/// The one place where text becomes markup. A fixed Markdig pipeline (raw HTML off, no generic attributes), then a
/// sanitizer with a tag and URL allowlist: whatever staff or citizens type, the output holds no script, no event
/// attribute and no link other than http, https, mailto or a relative one.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Input beyond this many characters is not rendered as Markdown at all.</summary>
    public const int MaxInputLength = 50_000;

    /// <summary>Deeper nesting than this is shown as plain text (Markdig recurses; deep input has overflowed it).</summary>
    public const int MaxNestingDepth = 32;

    private static readonly string[] AllowedTags =
    [
        "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "h3", "h4",
        "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
    ];

    private static readonly string[] AllowedAttributes = ["href", "src", "alt", "title", "start"];

    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
            .UsePipeTables()
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();
        builder.MaximumNestingDepth = MaxNestingDepth;
        _pipeline = builder.Build();

        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave the site without passing on who referred them or a handle on this window.
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
    }

    /// <summary>Renders <paramref name="markdown"/> to sanitized HTML and plain text.</summary>
    public RenderedText Render(string? markdown)
    {
        var source = Normalize(markdown);
        if (source.Length == 0)
        {
            return RenderedText.Empty;
        }
        string html;
        string plain;
        try
        {
            if (source.Length > MaxInputLength || NestingDepth(source) > MaxNestingDepth)
            {
                throw new ArgumentException("too large or too deeply nested to render as Markdown");
            }
            var document = Markdig.Markdown.Parse(source, _pipeline);
            html = Markdig.Markdown.ToHtml(document, _pipeline);
            plain = Markdig.Markdown.ToPlainText(source, _pipeline).Trim();
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested past its limit; such text is shown as it was typed.
            html = PlainParagraphs(source);
            plain = source;
        }
        return new RenderedText(source, _sanitizer.Sanitize(html), plain);
    }

    /// <summary>Text shown exactly as typed, never read as Markdown (e.g. a citizen's question).</summary>
    public RenderedText RenderPlain(string? text)
    {
        var source = Normalize(text);
        return new RenderedText(source, PlainParagraphs(source), source);
    }

    /// <summary>Plain text as HTML paragraphs, for text that must not be read as Markdown (e.g. citizens' questions).</summary>
    public string PlainParagraphs(string text)
    {
        var paragraphs = Normalize(text)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
        return string.Concat(paragraphs);
    }

    /// <summary>
    /// Plain text as HTML text, for markup built elsewhere that readers take as HTML (a feed's titles and
    /// descriptions): the characters that start a tag or an entity are escaped, nothing else changes.
    /// </summary>
    public static string EscapeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>The same cleaning as every other text that enters (line breaks, control characters, noncharacters).</summary>
    private static string Normalize(string? text) => UnicodeText.Clean(text);

    /// <summary>
    /// A cheap upper bound of how deeply the text nests: block quote and list markers and indentation at the start of
    /// a line, and unclosed brackets within it. One pass, so hostile input is judged in linear time.
    /// </summary>
    internal static int NestingDepth(string text)
    {
        var max = 0;
        var atLineStart = true;
        var prefix = 0;
        var brackets = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                atLineStart = true;
                prefix = brackets = 0;
                continue;
            }
            if (atLineStart)
            {
                if (c is '>' or '-' or '*' or '+')
                {
                    prefix += 2;
                }
                else if (c is ' ' or '\t')
                {
                    prefix += c == '\t' ? 4 : 1;
                }
                else if (!char.IsAsciiDigit(c) && c is not ('.' or ')'))
                {
                    atLineStart = false;
                }
            }
            brackets += c switch
            {
                '[' => 1,
                ']' when brackets > 0 => -1,
                _ => 0,
            };
            max = Math.Max(max, Math.Max(prefix / 2, brackets));
        }
        return max;
    }
}
