using System.Text;
using Interview.Domain;
using Interview.Domain.Screening;
using Interview.Web.Search;

namespace Interview.Tests.Domain;

/// <summary>
/// The cleaning every entered text goes through, and normalisation that never throws, over every code point: each of
/// the 1,114,112 (lone surrogates as raw UTF-16 units), in strings of a few thousand at a time.
/// </summary>
public sealed partial class UnicodeTextTests
{
    [Theory]
    [InlineData("  医保\r\n社保\r政策\t表  ", "医保\n社保\n政策\t表")]
    [InlineData("a\0b\u0001c\u007Fd\u0085e", "abcde")]
    [InlineData("a\uFFFEb\uFFFFc\uFDD0d\U0010FFFFe\U0001FFFEf", "abcdef")]
    [InlineData("e\u0301\u0302 \u202E右\u202C \u200B \U0001F468\u200D\U0001F469 \u0378 \U000E0080 \uE000", "e\u0301\u0302 \u202E右\u202C \u200B \U0001F468\u200D\U0001F469 \u0378 \U000E0080 \uE000")]
    [InlineData("\0 \uFFFE \uFDEF ", "")]
    public void CleaningDropsControlsAndNoncharactersAndKeepsEverythingElse(string text, string clean) =>
        Assert.Equal(clean, UnicodeText.Clean(text));

    [Fact]
    public void CleaningDropsLoneSurrogates()
    {
        // Not theory data: xunit's serialisation of test cases would turn a lone surrogate into U+FFFD before the test.
        Assert.Equal("abcd", UnicodeText.Clean("a\uD800b\uDC00c\uDC00\uD800d"));
        Assert.Equal("", UnicodeText.Clean("\uDBFF \uD800"));
        Assert.Equal("\U0010FFFD", UnicodeText.Clean("\uD800\U0010FFFD\uDC00"));
    }

    [Fact]
    public void CleaningAnyCodePointGivesWellFormedTextWithoutNoncharactersAndCleaningAgainChangesNothing()
    {
        foreach (var (first, chunk) in EveryCodePoint())
        {
            var clean = UnicodeText.Clean(chunk);

            Assert.True(IsWellFormed(clean), $"a lone surrogate is left in the chunk from U+{first:X4}");
            Assert.DoesNotContain(clean.EnumerateRunes(), r => UnicodeText.IsNoncharacter(r.Value) || (Rune.IsControl(r) && r.Value is not ('\n' or '\t')));
            Assert.Equal(clean, UnicodeText.Clean(clean));
        }
    }

    [Fact]
    public void NormalisingNeverThrowsAndAgreesWithDotNetWhereDotNetAccepts()
    {
        foreach (var (first, chunk) in EveryCodePoint())
        {
            var clean = UnicodeText.Clean(chunk);
            foreach (var form in new[] { NormalizationForm.FormC, NormalizationForm.FormKC, NormalizationForm.FormKD })
            {
                var normalized = UnicodeText.Normalize(chunk, form);

                // What .NET refuses stays where it was and the rest is normalised as .NET would (a letter stands between
                // any two code points here, so nothing composes across a refused one).
                Assert.True(clean.Normalize(form) == UnicodeText.Clean(normalized), $"{form} differs in the chunk from U+{first:X4}");
                Assert.Equal(clean.Normalize(form), UnicodeText.Normalize(clean, form));
            }
        }
    }

    [Fact]
    public void SearchAndSensitiveWordFoldingTakeEveryCodePoint()
    {
        foreach (var (_, chunk) in EveryCodePoint())
        {
            var pairs = new StringBuilder();
            var chars = new StringBuilder();

            SearchText.Tokenize(chunk, pairs, chars, []);
            SearchText.Fold(chunk);
            TextFolding.FoldWithMap(chunk);
        }
        // To search, a code point that is not a letter or digit is a break; to the word lists, nothing.
        Assert.Equal("医\u0001保", SearchText.FoldedForm("\uFFFE医\uFFFF保\uD800"));
        Assert.Equal("医保", TextFolding.Fold("\uFFFE医\uFFFF保\uD800"));
    }

    [Fact]
    public void QueriesSnippetsRenderingAndExportsTakeEveryCodePoint()
    {
        var renderer = new Interview.Web.Text.MarkdownRenderer();
        foreach (var (first, chunk) in EveryCodePoint())
        {
            // A query is at most 100 characters: windows of the chunk are queries, and each is found in the chunk.
            for (var at = 0; at + SearchQuery.MaxLength <= chunk.Length; at += 1_000)
            {
                SearchQuery query;
                try
                {
                    // Quotes group words rather than split them; spaces instead keep every word a part of the chunk.
                    query = SearchQuery.Parse(Unquoted().Replace(chunk.Substring(at, SearchQuery.MaxLength), " "));
                }
                catch (DomainException)
                {
                    // Refused with a reason (too many words, nothing to search for): a 400, which is fine.
                    continue;
                }
                Assert.True(SearchSnippet.Html(chunk, query.Terms).Contains("<mark>", StringComparison.Ordinal),
                    $"no match in the chunk at U+{first:X4} for the window at {at}");
            }
            var rendered = renderer.Render(chunk);
            Assert.True(rendered.Markdown.Length > 0, $"nothing rendered from the chunk at U+{first:X4}");
            Interview.Web.Archive.MarkdownText.Escape(chunk);
            Interview.Web.Archive.MarkdownText.AbsoluteLinks(rendered.Markdown, "https://ft.example.gov.cn");
            Interview.Web.Text.MarkdownRenderer.EscapeText(chunk);
        }
    }

    /// <summary>Every code point once, 4,096 to a string, surrogates as lone UTF-16 units, a letter between each.</summary>
    public static IEnumerable<(int First, string Text)> EveryCodePoint()
    {
        var text = new StringBuilder();
        for (var code = 0; code <= 0x10FFFF; code++)
        {
            if (code is >= 0xD800 and <= 0xDFFF)
            {
                text.Append((char)code);
            }
            else
            {
                text.Append(char.ConvertFromUtf32(code));
            }
            text.Append('a');
            if (code % 4096 == 4095)
            {
                yield return (code - 4095, text.ToString());
                text.Clear();
            }
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[\"“”＂]")]
    private static partial System.Text.RegularExpressions.Regex Unquoted();
}
