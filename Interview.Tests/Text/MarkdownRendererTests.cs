using System.Diagnostics;
using Interview.Web.Text;

namespace Interview.Tests.Text;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void RendersEverydayMarkdown()
    {
        var result = _renderer.Render("**接种**流感疫苗：\n\n1. 老人\n2. 儿童\n\n[通知](https://example.gov.cn/a)");

        Assert.Contains("<strong>接种</strong>", result.Html, StringComparison.Ordinal);
        Assert.Contains("<ol>", result.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.gov.cn/a\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("接种流感疫苗", result.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("**", result.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=//evil.example/x.js></SCRIPT>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<object data=\"x\"></object><embed src=\"x\">")]
    [InlineData("```\n</code><script>alert(1)</script>\n```")]
    public void RawHtmlNeverBecomesMarkup(string input)
    {
        var html = _renderer.Render(input).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<object", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<embed", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]+\\son\\w+\\s*=", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](  javascript:alert(1))")]
    [InlineData("[x](java&#x73;cript:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    public void DangerousUrlsAreRemoved(string input)
    {
        var html = _renderer.Render(input).Html;

        // The words may remain as visible text; no link or image may point at them.
        Assert.DoesNotMatch("(?i)(href|src)\\s*=\\s*[\"']?\\s*(java|vb|data|&)", html);
    }

    [Theory]
    [InlineData("[通知](https://example.gov.cn/notice)", "https://example.gov.cn/notice")]
    [InlineData("[写信](mailto:office@example.gov.cn)", "mailto:office@example.gov.cn")]
    [InlineData("[往期](/interviews/1#e3)", "/interviews/1#e3")]
    [InlineData("![现场](/media/photo.jpg)", "/media/photo.jpg")]
    public void AllowedUrlsSurvive(string input, string url) =>
        Assert.Contains($"\"{url}\"", _renderer.Render(input).Html, StringComparison.Ordinal);

    [Theory]
    [InlineData('>', 100_000)]
    [InlineData('[', 100_000)]
    [InlineData('*', 100_000)]
    [InlineData('(', 49_000)]
    public void PathologicalInputFinishesFast(char c, int count)
    {
        var watch = Stopwatch.StartNew();
        var result = _renderer.Render(new string(c, count) + "正文");
        watch.Stop();

        // Not a speed target (that is for bench/): quadratic parsing of 100k characters takes minutes, linear takes
        // milliseconds, and the bound sits far from both so a busy CI machine cannot fail it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.NotNull(result.Html);
    }

    [Fact]
    public void DeeplyNestedListsAndQuotesAreShownAsPlainText()
    {
        var quotes = string.Concat(Enumerable.Repeat("> ", 5_000)) + "深";
        var lists = string.Join('\n', Enumerable.Range(0, 500).Select(i => new string(' ', i * 2) + "- 项"));

        foreach (var input in new[] { quotes, lists })
        {
            var result = _renderer.Render(input);
            Assert.StartsWith("<p>", result.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<blockquote>", result.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ModestNestingStillRendersAsMarkdown()
    {
        var html = _renderer.Render("> 引用\n> > 再引用\n\n- 一\n  - 二\n    - 三").Html;
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<ul>").Length - 1);
    }

    [Fact]
    public void PlainTextIsEscapedNotInterpreted()
    {
        var result = _renderer.RenderPlain("**不是加粗** <b>x</b>\n第二行");

        Assert.Equal("<p>**不是加粗** &lt;b&gt;x&lt;/b&gt;<br>第二行</p>", result.Html);
        Assert.Equal("**不是加粗** <b>x</b>\n第二行", result.PlainText);
    }

    [Fact]
    public void NulAndCarriageReturnsAreNormalized()
    {
        var result = _renderer.Render("甲\r\n乙\0丙");
        Assert.DoesNotContain('\0', result.Html);
        Assert.DoesNotContain('\r', result.Markdown);
    }
}
