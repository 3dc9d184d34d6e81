using Interview.Domain.Screening;

namespace Interview.Tests.Domain.Screening;

public class PersonalDataTests
{
    [Theory]
    [InlineData("我的电话13800138000，谢谢", "13800138000")]
    [InlineData("电话：138 0013 8000", "138 0013 8000")]
    [InlineData("电话：138-0013-8000。", "138-0013-8000")]
    [InlineData("电话：１３８００１３８０００", "１３８００１３８０００")]
    [InlineData("电话：１３８－００１３－８０００", "１３８－００１３－８０００")]
    [InlineData("电话+86 138 0013 8000", "+86 138 0013 8000")]
    [InlineData("电话8619912345678", "8619912345678")]
    [InlineData("call me:15912345678", "15912345678")]
    public void MobileNumbersAreFound(string text, string number)
    {
        var match = Assert.Single(PersonalData.Find(text));

        Assert.Equal(PersonalDataKind.Mobile, match.Kind);
        Assert.Equal(number, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("身份证11010519491231002X")]
    [InlineData("身份证11010519491231002x号")]
    [InlineData("身份证 110105 19491231 002X")]
    [InlineData("身份证320106198511110012")]
    [InlineData("身份证４４０３０４１９９００３０７１２３Ｘ")]
    public void IdCardNumbersAreFound(string text) =>
        Assert.Equal(PersonalDataKind.IdCard, Assert.Single(PersonalData.Find(text)).Kind);

    [Theory]
    [InlineData("请回复到 zhang.san@example.com 谢谢", "zhang.san@example.com")]
    [InlineData("邮箱12345678@qq.com", "12345678@qq.com")]
    [InlineData("邮箱：ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ。", "ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ")]
    [InlineData("13800138000@163.com", "13800138000@163.com")]
    public void EmailAddressesAreFound(string text, string address)
    {
        var match = Assert.Single(PersonalData.Find(text));

        Assert.Equal(PersonalDataKind.Email, match.Kind);
        Assert.Equal(address, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("2024年的补贴是多少？")]
    [InlineData("请拨打市民热线12345咨询")]
    [InlineData("热线 0571-88888888")]
    [InlineData("金额138000元")]
    [InlineData("订单号2013800138000")]
    [InlineData("编号123456789012")]
    [InlineData("12345678901")]
    [InlineData("流水号11010519491231002")]
    [InlineData("身份证110105194912310021")]
    [InlineData("号码110105194913310027")]
    [InlineData("我家在138号楼，邮编100000")]
    [InlineData("user@localhost 不是外部邮箱")]
    [InlineData("3.1415926535")]
    public void OrdinaryNumbersAndTextAreNotFlagged(string text) =>
        Assert.Empty(PersonalData.Find(text));

    [Theory]
    [InlineData("我的电话13800138000，谢谢", "我的电话138****8000，谢谢")]
    [InlineData("电话 138 0013 8000", "电话 138****8000")]
    [InlineData("电话 +86 138-0013-8000", "电话 +86 138****8000")]
    [InlineData("电话 １３８００１３８０００", "电话 138****8000")]
    [InlineData("身份证11010519491231002X。", "身份证1101**********002X。")]
    [InlineData("身份证 110105 19491231 002x", "身份证 1101**********002X")]
    [InlineData("发到 zhang.san@example.com", "发到 z***@example.com")]
    [InlineData("发到 ab@example.com", "发到 a*@example.com")]
    [InlineData("发到 a@example.com", "发到 *@example.com")]
    [InlineData("没有个人信息的问题", "没有个人信息的问题")]
    public void MaskingHidesTheMiddle(string text, string masked) =>
        Assert.Equal(masked, PersonalData.Mask(text));

    [Fact]
    public void MaskingHandlesSeveralPiecesAndNeverLengthensTheText()
    {
        const string text = "电话13800138000，身份证11010519491231002X，邮箱a@b.cn，另一个电话15912345678";

        var masked = PersonalData.Mask(text);

        Assert.Equal("电话138****8000，身份证1101**********002X，邮箱*@b.cn，另一个电话159****5678", masked);
        Assert.True(masked.Length <= text.Length);
        Assert.Empty(PersonalData.Find(masked));
    }

    [Fact]
    public void EachKindHasAChineseName() =>
        Assert.Equal(["手机号", "身份证号", "电子邮箱"],
            Enum.GetValues<PersonalDataKind>().Select(k => k.DisplayName()));
}
