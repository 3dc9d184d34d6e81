using Interview.Domain.Screening;

namespace Interview.Tests.Domain.Screening;

/// <summary>The test words are made up (测试词, 紫色河马…): no real sensitive word is needed to prove the matching.</summary>
public class SensitiveWordMatcherTests
{
    private static readonly SensitiveWordMatcher Matcher = SensitiveWordMatcher.Build(
    [
        new SensitiveWordSource("测试词表", 3, ["测试词", "紫色河马", "abc", "測試風險"]),
        new SensitiveWordSource("栏目词表", 1, ["蓝鲸飞行"]),
    ]);

    [Theory]
    [InlineData("这是测试词吗", "测试词")]
    [InlineData("这是测 试 词吗", "测 试 词")]
    [InlineData("这是测.试-词吗", "测.试-词")]
    [InlineData("这是测\u200B试\u200D词吗", "测\u200B试\u200D词")]
    [InlineData("这是测😀试👍🏽词吗", "测😀试👍🏽词")]
    [InlineData("这是測試詞吗", "測試詞")]
    [InlineData("说说ＡＢＣ吧", "ＡＢＣ")]
    [InlineData("说说aBc吧", "aBc")]
    [InlineData("说说Ａ b Ｃ吧", "Ａ b Ｃ")]
    [InlineData("我看见紫色河馬了", "紫色河馬")]
    [InlineData("我看见紫\uFE0F色 河-马了", "紫\uFE0F色 河-马")]
    public void EvasionsAreSeenThrough(string text, string matched)
    {
        var match = Assert.Single(Matcher.FindAll(text));

        Assert.Equal(matched, match.MatchedText);
        Assert.Equal(matched, text.Substring(match.Start, match.Length));
        Assert.Equal("测试词表", match.ListName);
        Assert.Equal(3, match.ListVersion);
    }

    [Fact]
    public void TheListWordIsReportedAsWrittenInTheList()
    {
        var match = Assert.Single(Matcher.FindAll("这次测试风险很低"));

        Assert.Equal("測試風險", match.Word);
        Assert.Equal("测试风险", match.MatchedText);
    }

    [Fact]
    public void ATraditionalTextMatchesASimplifiedListWordOfAnotherList()
    {
        var match = Assert.Single(Matcher.FindAll("藍鯨 飛行表演"));

        Assert.Equal(("蓝鲸飞行", "栏目词表", 1), (match.Word, match.ListName, match.ListVersion));
        Assert.Equal("藍鯨 飛行", match.MatchedText);
    }

    [Theory]
    [InlineData("老人什么时候接种流感疫苗最好？")]
    [InlineData("测试一下这个词")]
    [InlineData("紫色的河流和马")]
    [InlineData("a b d")]
    [InlineData("")]
    public void UnrelatedTextIsNotFlagged(string text) =>
        Assert.Empty(Matcher.FindAll(text));

    [Fact]
    public void OverlappingWordsAreAllFound()
    {
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("重叠", 1, ["he", "she", "his", "hers", "测试", "试词", "测试词"])]);

        var found = matcher.FindAll("ushers 测试词").Select(m => (m.Word, m.Start, m.Length)).ToList();

        Assert.Equal([("she", 1, 3), ("hers", 2, 4), ("he", 2, 2), ("测试词", 7, 3), ("测试", 7, 2), ("试词", 8, 2)], found);
    }

    [Fact]
    public void EveryOccurrenceIsReportedWithItsOwnSpan()
    {
        var found = Matcher.FindAll("abc，又一个 A.B.C！");

        Assert.Equal([(0, 3), (8, 5)], found.Select(m => (m.Start, m.Length)));
    }

    [Fact]
    public void AWordInTwoListsIsReportedForEach()
    {
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("甲", 2, ["测试词"]), new SensitiveWordSource("乙", 5, ["測試詞"])]);

        var found = matcher.FindAll("测试词");

        Assert.Equal([("测试词", "甲", 2), ("測試詞", "乙", 5)], found.Select(m => (m.Word, m.ListName, m.ListVersion)));
    }

    [Fact]
    public void WordsThatFoldToNothingAreLeftOut()
    {
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("符号", 1, ["!!!", " ", "😀", "测试词"])]);

        Assert.Equal(1, matcher.WordCount);
        Assert.Single(matcher.FindAll("!!! 😀 测试词"));
    }

    [Fact]
    public void MatchingAgreesWithANaiveSearchOnRandomText()
    {
        var random = new Random(20261122);
        const string alphabet = "甲乙丙丁ab";
        string Word(int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var words = Enumerable.Range(0, 200).Select(_ => Word(random.Next(1, 6))).Distinct().ToList();
        var text = Word(2000);
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("随机", 1, words)]);

        var expected = words.SelectMany(w => Enumerable.Range(0, text.Length - w.Length + 1)
                .Where(i => string.CompareOrdinal(text, i, w, 0, w.Length) == 0).Select(i => (w, i)))
            .OrderBy(x => x.i).ThenBy(x => x.w, StringComparer.Ordinal).ToList();
        var actual = matcher.FindAll(text).Select(m => (m.Word, m.Start)).OrderBy(x => x.Start).ThenBy(x => x.Word, StringComparer.Ordinal).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WorkIsLinearInTheTextWhateverTheWords()
    {
        // Words that share long prefixes with the text but never complete ("aaa…ab") make a naive search quadratic.
        var words = Enumerable.Range(1, 50).Select(n => new string('a', n) + "b").Concat(["测试词"]).ToList();
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("长前缀", 1, words)]);
        var text = new string('a', 100_000);
        var work = new MatchWork();

        var found = matcher.FindAll(text, work);

        Assert.Empty(found);
        Assert.InRange(work.Steps, text.Length, 2 * text.Length);
        Assert.Equal(0, work.Outputs);
    }

    [Fact]
    public void WorkGrowsWithTheMatchesNotWithTheWordCount()
    {
        var random = new Random(5);
        var words = Enumerable.Range(0, 5000).Select(i => $"词{i:D4}项").ToList();
        var matcher = SensitiveWordMatcher.Build([new SensitiveWordSource("大词表", 1, words)]);
        var planted = Enumerable.Range(0, 1000).Select(_ => words[random.Next(words.Count)]).ToList();
        var text = string.Concat(planted.Select(w => "普通的文字内容" + w[..2] + " " + w[2..]));
        while (text.Length < 100_000)
        {
            text += "没有命中的普通文字";
        }
        var work = new MatchWork();

        var found = matcher.FindAll(text, work);

        Assert.Equal(planted.Count, found.Count);
        Assert.Equal(planted, found.Select(m => m.Word));
        Assert.InRange(work.Steps, text.Length / 2, 2L * text.Length);
        Assert.Equal(found.Count, work.Outputs);
    }

    [Fact]
    public void OneMatcherServesConcurrentReaders()
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 200, i => results.Add(Matcher.FindAll($"第{i}次：测 试 词、紫色河馬和ＡＢＣ").Count));

        Assert.All(results, count => Assert.Equal(3, count));
    }
}
