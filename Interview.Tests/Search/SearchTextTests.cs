using System.Text;
using Interview.Domain;
using Interview.Web.Search;

namespace Interview.Tests.Search;

/// <summary>Folding, index tokens, query expressions and snippets, without a database.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Ｈ１Ｎ１流感", "h1n1流感")]
    [InlineData("H1 N1\u3000App", "h1n1app")]
    [InlineData("医\u200B保", "医保")]
    [InlineData("医，保", "医\u0001保")]
    [InlineData("  ——医保。\n\n社保！", "医保\u0001社保")]
    [InlineData("㎡", "m2")]
    public void FoldingMakesFullWidthHalfWidthLowerCasesLatinAndKeepsOnlyBreaksThatMatter(string text, string folded) =>
        Assert.Equal(folded, SearchText.FoldedForm(text));

    [Fact]
    public void TokensArePairsOfNeighboursWithTheCharactersAroundABreak()
    {
        var (pairs, chars) = Tokens("医保，政策 A");

        Assert.Equal("医保 保·政 政策 策a", pairs);
        Assert.Equal("医 保 政 策 a", chars);
    }

    [Fact]
    public void ALoneCharacterBetweenBreaksStillLinksItsNeighbours()
    {
        var (pairs, _) = Tokens("a，b；c");

        Assert.Equal("a·b b·c", pairs);
    }

    [Fact]
    public void OneCharacterIsLookedUpAsACharacterAndLongerWordsAsPhrasesOfPairs()
    {
        Assert.Equal("\"医\"", SearchQuery.Parse("医").CharsMatch);
        Assert.Null(SearchQuery.Parse("医").PairsMatch);
        Assert.Equal("\"医保 保政 政策\"", SearchQuery.Parse("医保政策").PairsMatch);
        Assert.Equal("\"pm m2 2·5\"", SearchQuery.Parse("PM2.5").PairsMatch);
        Assert.Equal("\"h1 1n n1 1流 流感\"", SearchQuery.Parse("Ｈ１Ｎ１流感").PairsMatch);
    }

    [Fact]
    public void SpacesSeparateWordsThatMustAllAppearAndQuotesMakeOnePhrase()
    {
        var words = SearchQuery.Parse("医保 报销 税");
        var phrase = SearchQuery.Parse("“医保 报销”");

        Assert.Equal(["医保", "报销", "税"], words.Terms.Select(t => t.Text));
        Assert.Equal("\"医保\" AND \"报销\"", words.PairsMatch);
        Assert.Equal("\"税\"", words.CharsMatch);
        Assert.True(words.IsMixed);
        Assert.Equal("\"医保 保报 报销\"", Assert.Single(phrase.Terms).PairsMatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("，。！")]
    public void AQueryWithoutLettersOrDigitsIsRefused(string? query) =>
        Assert.Contains("请输入", global::Interview.Web.Text.ErrorText.Of(Assert.Throws<DomainException>(() => SearchQuery.Parse(query)), global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);

    [Fact]
    public void AnOverlongQueryOrTooManyWordsIsRefused()
    {
        Assert.Throws<DomainException>(() => SearchQuery.Parse(new string('医', SearchQuery.MaxLength + 1)));
        Assert.Throws<DomainException>(() => SearchQuery.Parse(string.Join(' ', Enumerable.Range(10, SearchQuery.MaxTerms + 1))));
    }

    [Fact]
    public void ASnippetEscapesEverythingAndMarksEachOccurrenceInTheOriginalText()
    {
        var query = SearchQuery.Parse("h1n1 医保");

        var html = SearchSnippet.Html("<i>1 < 2</i> & 'Ｈ１Ｎ１'：医保，医保。", query.Terms);

        Assert.Equal("&lt;i&gt;1 &lt; 2&lt;/i&gt; &amp; &#39;<mark>Ｈ１Ｎ１</mark>&#39;：<mark>医保</mark>，<mark>医保</mark>。", html);
    }

    [Fact]
    public void ALongSnippetStartsShortlyBeforeTheFirstMatch()
    {
        var text = new string('前', 200) + "医保" + new string('后', 200);

        var html = SearchSnippet.Html(text, SearchQuery.Parse("医保").Terms);

        Assert.StartsWith("…", html, StringComparison.Ordinal);
        Assert.EndsWith("…", html, StringComparison.Ordinal);
        Assert.Contains("<mark>医保</mark>", html, StringComparison.Ordinal);
        Assert.True(html.Length < 150, html);
    }

    private static (string Pairs, string Chars) Tokens(string text)
    {
        var pairs = new StringBuilder();
        var chars = new StringBuilder();
        SearchText.Tokenize(text, pairs, chars, []);
        return (pairs.ToString().Trim(), chars.ToString().Trim());
    }
}
