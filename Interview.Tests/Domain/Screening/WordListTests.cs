using Interview.Domain;
using Interview.Domain.Screening;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Domain.Screening;

public class WordListTests
{
    [Fact]
    public void ANewListIsVersionOneWithItsFirstRevision()
    {
        var list = WordList.Create(" 通用词表 ", null, ["测试词", "紫色河马"], "admin@example.gov.cn", Now);

        Assert.Equal("通用词表", list.Name);
        Assert.Equal(1, list.Version);
        Assert.Equal(["测试词", "紫色河马"], list.WordItems);
        var revision = Assert.Single(list.Revisions);
        Assert.Equal((1, 2, 2, 0, "admin@example.gov.cn"), (revision.Version, revision.WordCount, revision.Added, revision.Removed, revision.SavedBy));
    }

    [Fact]
    public void EachSaveIsANewVersionCountingWhatCameAndWent()
    {
        var list = WordList.Create("通用词表", null, ["测试词", "紫色河马"], "甲", Now);

        var change = list.Save(["测试词", "蓝鲸飞行", "abc"], 1, "乙", Now.AddHours(1));

        Assert.Equal(new WordListChange(2, 2, 1, 3), change);
        Assert.Equal((2, "乙", Now.AddHours(1)), (list.Version, list.UpdatedBy, list.UpdatedAt));
        Assert.Equal([1, 2], list.Revisions.Select(r => r.Version));
    }

    [Fact]
    public void WordsAreTrimmedDeduplicatedAndEmptyLinesDropped() =>
        Assert.Equal(["测试词", "紫色河马", "abc"],
            WordList.Normalize(["  测试词 \r", "", "紫色河马\n\n测试词\n   ", "abc", "abc "]));

    [Fact]
    public void ASaveFromAnOlderVersionIsRefusedNamingTheNewer()
    {
        var list = WordList.Create("通用词表", null, ["测试词"], "甲", Now);
        list.Save(["测试词", "abc"], 1, "乙", Now);

        var error = Assert.Throws<WordListChangedException>(() => list.Save(["紫色河马"], 1, "丙", Now));

        Assert.Equal(2, error.CurrentVersion);
        Assert.Contains("乙", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    [Fact]
    public void ASaveWithoutChangesMakesNoVersion()
    {
        var list = WordList.Create("通用词表", null, ["测试词"], "甲", Now);

        Assert.Throws<DomainException>(() => list.Save([" 测试词 ", ""], 1, "甲", Now));
        Assert.Equal(1, list.Version);
    }

    [Theory]
    [InlineData("!!!", "标点")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "50")]
    public void AWordThatCannotMatchIsRefusedByName(string word, string message)
    {
        var error = Assert.Throws<DomainException>(() => WordList.Normalize(["测试词", word]));
        Assert.Contains(message, global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
    }

    [Fact]
    public void AListHasACapOnItsWords() =>
        Assert.Throws<DomainException>(() => WordList.Normalize(Enumerable.Range(0, WordList.MaxWords + 1).Select(i => $"词{i}")));

    [Fact]
    public void ANameIsRequired() =>
        Assert.Throws<DomainException>(() => WordList.Create("  ", null, [], "甲", Now));
}
