using AngleSharp.Html.Parser;
using Interview.Tests.Support;
using Interview.Web.Archive;

namespace Interview.Tests.Archive;

public sealed class MarkdownTextTests
{
    public static TheoryData<string> HostileText =>
    [
        "**粗体** _斜体_ ~~删除~~ `代码`",
        "[链接](https://evil.example/) ![图](https://evil.example/x.png)",
        "<script>alert(1)</script> <b>标签</b> &lt;实体&gt; &amp;",
        "# 标题\n## 二级\n一行\n===",
        "- 列表\n+ 加号\n* 星号\n1. 有序\n2) 括号",
        "> 引用\n    缩进四格的代码\n\t制表符",
        "| 表 | 格 |\n|---|---|\n| a | b |",
        "网址 http://example.com 和 www.example.com 以及 mailto:a@b.cn tel:12345",
        "反斜杠 \\ 与 \\* 与 \\\\",
        "***\n---\n___",
        "体温38.5度，时间10:30，比例5.2%。",
        "第一段\n\n第二段第一行\n第二段第二行",
    ];

    [Theory]
    [MemberData(nameof(HostileText))]
    public void EscapedPlainTextReadsExactlyAsTypedInAMarkdownReader(string text)
    {
        var html = Builders.Renderer.Render(MarkdownText.Escape(text)).Html;
        var document = new HtmlParser().ParseDocument(html);

        var tags = document.Body!.QuerySelectorAll("*").Select(e => e.LocalName).Distinct();
        Assert.All(tags, tag => Assert.Contains(tag, new[] { "p", "br" }));
        var paragraphs = document.Body.QuerySelectorAll("p").Select(Lines);
        var expected = text.Split("\n\n").Select(p => string.Join('\n', p.Split('\n').Select(line => line.Trim(' ', '\t'))));
        Assert.Equal(expected, paragraphs);
    }

    /// <summary>A paragraph's text with its line breaks (newlines in the HTML source are only whitespace).</summary>
    private static string Lines(AngleSharp.Dom.IElement paragraph) =>
        string.Join('\n', string.Concat(paragraph.ChildNodes.Select(n => n is AngleSharp.Dom.IElement { LocalName: "br" } ? "\u2028" : n.TextContent.Replace("\n", "", StringComparison.Ordinal)))
            .Split('\u2028').Select(line => line.Trim()));

    [Fact]
    public void EscapingLeavesOrdinaryChineseTextAlone() =>
        Assert.Equal("老人什么时候接种流感疫苗最好？体温38.5度，10:30。", MarkdownText.Escape("老人什么时候接种流感疫苗最好？体温38.5度，10:30。"));

    [Fact]
    public void SiteRelativeLinksAndImagesBecomeAbsoluteAndNothingElseChanges()
    {
        const string markdown = "见[第2条](/interviews/1#e2)与[外站](https://www.example.gov.cn/a)。\n\n![照片](/media/live/a.png \"现场\")\n\n`[代码](/x)` 与 [引用][r]\n\n[r]: /columns/health";

        var result = MarkdownText.AbsoluteLinks(markdown, "https://ft.example.gov.cn");

        Assert.Equal(
            "见[第2条](https://ft.example.gov.cn/interviews/1#e2)与[外站](https://www.example.gov.cn/a)。\n\n![照片](https://ft.example.gov.cn/media/live/a.png \"现场\")\n\n`[代码](/x)` 与 [引用][r]\n\n[r]: https://ft.example.gov.cn/columns/health",
            result);
    }
}
