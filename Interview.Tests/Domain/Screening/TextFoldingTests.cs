using Interview.Domain.Screening;
using Interview.Tests.Support;

namespace Interview.Tests.Domain.Screening;

public class TextFoldingTests
{
    [Theory]
    [InlineData("测 试 词")]
    [InlineData("测\u3000试\t词\n")]
    [InlineData("测.试-词")]
    [InlineData("测，试。词！")]
    [InlineData("【测】*试*「词」")]
    [InlineData("测\u200B试\u200C词\u200D")]
    [InlineData("\uFEFF测\u2060试\u00AD词")]
    [InlineData("测\uFE0F试\U000E0101词")]
    [InlineData("测😀试👍🏽词")]
    [InlineData("测👨‍👩‍👧试❤️词")]
    [InlineData("测\u0301试\u20DD词")]
    [InlineData("測試詞")]
    public void SeparatorsMarksEmojiAndTraditionalFormsFoldAway(string text) =>
        Assert.Equal("测试词", TextFolding.Fold(text));

    [Theory]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("AbC", "abc")]
    [InlineData("ａ-Ｂ ｃ", "abc")]
    [InlineData("１２３", "123")]
    [InlineData("①②", "12")]
    [InlineData("Ｗｅｉ Ｘｉｎ", "weixin")]
    [InlineData("café", "cafe")]
    [InlineData("cafe\u0301", "cafe")]
    [InlineData("\uF900", "岂")]
    public void FullWidthCaseAndCompatibilityFormsFoldToOne(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("測試風險", "测试风险")]
    [InlineData("紫色河馬", "紫色河马")]
    [InlineData("藍鯨飛行", "蓝鲸飞行")]
    [InlineData("衞生", "卫生")]
    [InlineData("國務", "国务")]
    public void TraditionalAndVariantCharactersFoldToSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, TextFolding.Fold(traditional));

    [Fact]
    public void SimplifiedTextIsLeftAsItIs()
    {
        const string text = "老人什么时候接种流感疫苗最好";
        Assert.Equal(text, TextFolding.Fold(text));
    }

    [Fact]
    public void TheShippedTableHoldsTheOpenCcCharacters() =>
        Assert.InRange(TextFolding.TableSize, 3000, 4000);

    [Fact]
    public void FoldingIsIdempotent()
    {
        const string text = "Ｔｅｓｔ 測\u200B試 ①號 😀 Café";
        var once = TextFolding.Fold(text);
        Assert.Equal(once, TextFolding.Fold(once));
    }

    [Fact]
    public void EachFoldedCharacterMapsBackToTheCharactersItCameFrom()
    {
        const string text = "问：测\u200B 試😀词？";
        var folded = TextFolding.FoldWithMap(text);

        Assert.Equal("问测试词", folded.Value);
        var (start, length) = folded.OriginalSpan(1, 3);
        Assert.Equal("测\u200B 試😀词", text.Substring(start, length));
        Assert.Equal((0, 1), folded.OriginalSpan(0, 1));
    }

    [Fact]
    public void ALoneSurrogateIsDroppedNotAnError() =>
        Assert.Equal("ab", TextFolding.Fold("a\uD800b\uDC00"));

    [Theory]
    [InlineData("a\uFFFEb\uFFFF")]
    [InlineData("a\U0010FFFFb")]
    [InlineData("a\uE000b\u0000")]
    public void NoncharactersPrivateUseAndControlsAreDroppedNotAnError(string text) =>
        Assert.Equal("ab", TextFolding.Fold(text));

    [Fact]
    public void EveryNaughtyStringFoldsMatchesAndMasksWithoutAnError()
    {
        var strings = NaughtyStrings.All();
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("测试", 1, ["测试词", "abc", "null"])]);

        foreach (var text in strings)
        {
            var folded = TextFolding.Fold(text);
            Assert.Equal(folded, TextFolding.Fold(folded));
            Assert.All(matcher.FindAll(text), m => Assert.Equal(m.MatchedText, text.Substring(m.Start, m.Length)));
            Assert.True(PersonalData.Mask(text).Length <= text.Length, text);
        }
    }
}
