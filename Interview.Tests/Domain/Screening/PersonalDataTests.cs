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
    [InlineData("电话139.0767.0467。", "139.0767.0467")]
    [InlineData("电话1 3 9 5 5 4 0 9 7 0 2谢谢", "1 3 9 5 5 4 0 9 7 0 2")]
    [InlineData("电话86-139-0767-0467", "86-139-0767-0467")]
    [InlineData("电话0086 139 0767 0467", "0086 139 0767 0467")]
    [InlineData("电话：一三九零七六七零四六七", "一三九零七六七零四六七")]
    [InlineData("电话1​3​9​0767​0467", "1​3​9​0767​0467")]
    [InlineData("电话139—0767—0467", "139—0767—0467")]
    [InlineData("电话 ①③⑨⓪⑦⑥⑦⓪④⑥⑦", "①③⑨⓪⑦⑥⑦⓪④⑥⑦")]
    [InlineData("第一13800138000", "13800138000")]
    [InlineData("2026 13800138000", "13800138000")]
    [InlineData("号码 (139) 0767 0467", "(139) 0767 0467")]
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
    [InlineData("身份证110105194912310021")]
    [InlineData("身份证 1101 0519 4912 3100 2x")]
    [InlineData("老身份证110105491231002")]
    [InlineData("身份证号码：110105-19491231-0021")]
    public void IdCardNumbersAreFound(string text) =>
        Assert.Equal(PersonalDataKind.IdCard, Assert.Single(PersonalData.Find(text)).Kind);

    [Theory]
    [InlineData("请回复到 zhang.san@example.com 谢谢", "zhang.san@example.com")]
    [InlineData("邮箱12345678@qq.com", "12345678@qq.com")]
    [InlineData("邮箱：ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ。", "ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ")]
    [InlineData("13800138000@163.com", "13800138000@163.com")]
    [InlineData("邮箱 wang.xm ＠ 163 . com 谢谢", "wang.xm ＠ 163 . com")]
    [InlineData("邮箱 wangxm(at)163(dot)com", "wangxm(at)163(dot)com")]
    [InlineData("邮箱 wangxm#163.com", "wangxm#163.com")]
    public void EmailAddressesAreFound(string text, string address)
    {
        var match = Assert.Single(PersonalData.Find(text));

        Assert.Equal(PersonalDataKind.Email, match.Kind);
        Assert.Equal(address, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("2024年的补贴是多少？")]
    [InlineData("请拨打市民热线12345咨询")]
    [InlineData("金额138000元")]
    [InlineData("订单号2013800138000")]
    [InlineData("编号123456789012")]
    [InlineData("12345678901")]
    [InlineData("流水号11010519491231002")]
    [InlineData("号码110105194913310027")]
    [InlineData("我家在138号楼，邮编100000")]
    [InlineData("user@localhost 不是外部邮箱")]
    [InlineData("3.1415926535")]
    [InlineData("2026年12月7日 13:30 开始，2025-2026 学年")]
    [InlineData("日期 2026-12-07，时间 2026.12.07 09:30")]
    [InlineData("增长15.5%，达到1,380,013,800元")]
    [InlineData("补贴标准 1200 1500 1800 元")]
    [InlineData("第1期 第2期 第3期")]
    [InlineData("二〇二六年一月一日起施行")]
    [InlineData("请一一作答，谢谢")]
    [InlineData("政务服务热线12345，投诉电话12315")]
    [InlineData("客服 400-810-8888")]
    [InlineData("编号 0123456789")]
    [InlineData("面积 138.5 平方米，房号 1301")]
    [InlineData("X光检查要多少钱")]
    [InlineData("C# .NET 开发")]
    [InlineData("序列号123456789012345")]
    [InlineData("订单 86123456789")]
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
    [InlineData("电话139.0767.0467。", "电话139****0467。")]
    [InlineData("电话 +86 1 3 9 0 7 6 7 0 4 6 7", "电话 +86 139****0467")]
    [InlineData("电话（０７５５）８３００１２３４", "电话0755-****1234")]
    [InlineData("电话 010-62345678 转 801", "电话 010-****5678 转 801")]
    [InlineData("电话(139)07670419", "电话139****0419")]
    [InlineData("电话01062345678", "电话010****5678")]
    [InlineData("电话+86 10 6234 5678", "电话+86 10-****5678")]
    [InlineData("身份证110105491231002", "身份证1101*******1002")]
    [InlineData("邮箱 wangxm(at)163(dot)com", "邮箱 w***@163.com")]
    [InlineData("电话：一三九零七六七零四六七", "电话：139****0467")]
    [InlineData("电话𝟏𝟑𝟗𝟎𝟕𝟔𝟕𝟎𝟒𝟔𝟕", "电话139****0467")]
    [InlineData("电话١٣٩٠٧٦٧٠٤٦٧", "电话139****0467")]
    [InlineData("电话1̃3̃9 0767 0467", "电话139****0467")]
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

    [Theory]
    [InlineData("电话010-62345678")]
    [InlineData("电话(0755)83001234")]
    [InlineData("电话0755 8300 1234")]
    [InlineData("电话021—64321234")]
    [InlineData("电话（０２１）６４３２１２３４")]
    [InlineData("电话 +86 21 6432 1234")]
    [InlineData("电话 0571-88888888")]
    public void LandlinesWithAnAreaCodeAreFound(string text) =>
        Assert.Equal(PersonalDataKind.Landline, Assert.Single(PersonalData.Find(text)).Kind);

    [Fact]
    public void RandomDigitsAndSeparatorsNeverBreakMaskingOrLengthenTheText()
    {
        var random = new Random(20261207);
        const string alphabet = "0123456789013900１３９一三九零 .-—()（）+xX@a年元%，\u200b\u0303";
        for (var n = 0; n < 5000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

            var masked = PersonalData.Mask(text);

            Assert.True(masked.Length <= text.Length, text);
            Assert.All(PersonalData.Find(text), m => Assert.InRange(m.Start + m.Length, 1, text.Length));
        }
    }

    [Fact]
    public void EachKindHasAChineseName() =>
        Assert.Equal(["手机号", "身份证号", "电子邮箱", "固定电话"],
            Enum.GetValues<PersonalDataKind>().Select(k => k.DisplayName()));
}
