using Bunit;
using Interview.Domain.Columns;
using Interview.Domain.Staff;
using Interview.Web.Components.Admin.WordLists;
using Interview.Web.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin;

public class WordListsPageTests : AdminTestContext
{
    public WordListsPageTests()
    {
        Services.AddSingleton<WordListMatchers>();
        Services.AddSingleton<QuestionScreening>();
        Services.AddSingleton<WordListAdmin>();
    }

    [Fact]
    public async Task CreatingAGlobalListShowsItInTheTableOpensItAndWritesOneAuditLine()
    {
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.Contains("还没有词表。", cut.Markup, StringComparison.Ordinal));

        cut.Find(".new-wordlist-form input[type=text]").Change("通用词表");
        cut.Find(".new-wordlist-form textarea").Change("测试词\n 紫色河马 \n\n测试词");
        cut.Find("form.new-wordlist-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll(".wordlists-table tbody tr"));
            Assert.Contains("通用词表", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("全站", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("v1", row.TextContent, StringComparison.Ordinal);
        });
        Assert.Contains("编辑词表「通用词表」", cut.Markup, StringComparison.Ordinal);
        // Who saved it reads by display name in the table, the editor and the history; never by e-mail.
        cut.WaitForAssertion(() => Assert.Contains(AdminName, cut.Find(".wordlist-history tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Contains($"{AdminName} 于 ", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminEmail, cut.Markup, StringComparison.Ordinal);
        Assert.Equal("测试词\n紫色河马", cut.Find(".wordlist-editor textarea").GetAttribute("value") ?? cut.Find(".wordlist-editor textarea").TextContent);
        await using var db = Database.CreateDbContext();
        var entry = Assert.Single(await db.AuditLog.ToListAsync());
        Assert.Equal(("wordlist.create", AdminEmail), (entry.Action, entry.Actor));
    }

    [Fact]
    public async Task AColumnListIsCreatedForTheChosenColumn()
    {
        int columnId;
        await using (var db = Database.CreateDbContext())
        {
            var column = Column.Create("卫健在线", "weijian");
            db.Columns.Add(column);
            await db.SaveChangesAsync();
            columnId = column.Id;
        }
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.Contains("还没有词表。", cut.Markup, StringComparison.Ordinal));

        cut.Find(".new-wordlist-form input[type=text]").Change("卫健词表");
        cut.Find(".new-wordlist-form .mud-select .mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("栏目：卫健在线", StringComparison.Ordinal)).Click());
        cut.Find(".new-wordlist-form textarea").Change("蓝鲸飞行");
        cut.Find("form.new-wordlist-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("栏目：卫健在线", cut.Find(".wordlists-table tbody tr").TextContent, StringComparison.Ordinal));
        await using var check = Database.CreateDbContext();
        Assert.Equal(columnId, (await check.WordLists.SingleAsync()).ColumnId);
    }

    [Fact]
    public async Task SavingMakesTheNextVersionAndTheHistoryShowsWhoSavedWhat()
    {
        var list = await Service<WordListAdmin>().CreateAsync(Admin, "通用词表", null, ["测试词"]);
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wordlists-table tbody tr")));

        cut.Find(".wordlists-table tbody button").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wordlist-history tbody tr")));
        cut.Find(".wordlist-editor textarea").Change("测试词\n紫色河马\n蓝鲸飞行");
        cut.Find("form.wordlist-editor").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".wordlist-history tbody tr").Count));
        Assert.Contains("已保存为第 2 版：新增 2 个，删除 0 个，共 3 个词。", SnackbarMessages());
        var newest = cut.FindAll(".wordlist-history tbody tr")[0].TextContent;
        Assert.Contains("v2", newest, StringComparison.Ordinal);
        Assert.Contains(AdminName, newest, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminEmail, newest, StringComparison.Ordinal);
        Assert.Contains("+2 / −0", newest, StringComparison.Ordinal);
        Assert.Contains("第 2 版", cut.Find(".wordlist-version").TextContent, StringComparison.Ordinal);

        cut.FindAll(".wordlist-history tbody button")[1].Click();
        cut.WaitForAssertion(() => Assert.Contains("第 1 版的词", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(2, (await Service<WordListAdmin>().GetAsync(Admin, list.Id)).Version);
    }

    [Fact]
    public async Task ASaveFromAnOutdatedEditorIsRefusedNamingTheNewerVersion()
    {
        var list = await Service<WordListAdmin>().CreateAsync(Admin, "通用词表", null, ["测试词"]);
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wordlists-table tbody tr")));
        cut.Find(".wordlists-table tbody button").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wordlist-editor")));

        await Service<WordListAdmin>().SaveAsync(Admin, list.Id, ["测试词", "别人加的词"], 1);
        cut.Find(".wordlist-editor textarea").Change("测试词\n我加的词");
        cut.Find("form.wordlist-editor").Submit();

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages(), m => m.Contains("第 2 版", StringComparison.Ordinal)));
        Assert.Equal(["测试词", "别人加的词"], (await Service<WordListAdmin>().GetAsync(Admin, list.Id)).Words);
    }

    [Fact]
    public async Task TheTesterHighlightsWhatWouldBeFlaggedAndShowsTheMaskedText()
    {
        await Service<WordListAdmin>().CreateAsync(Admin, "通用词表", null, ["测试词"]);
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wordlists-table tbody tr")));

        cut.Find(".wordlist-tester textarea").Change("这是测 試 词吗？电话13800138000");
        cut.Find("form.wordlist-tester").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["测 試 词", "13800138000"], cut.FindAll(".wordlist-test-text mark").Select(m => m.TextContent)));
        var hits = cut.Find(".wordlist-test-hits").TextContent;
        Assert.Contains("「测试词」 · 通用词表 v1", hits, StringComparison.Ordinal);
        Assert.Contains("个人信息：手机号", hits, StringComparison.Ordinal);
        Assert.Equal("这是测 試 词吗？电话138****8000", cut.Find(".wordlist-test-masked").TextContent);
    }

    [Fact]
    public async Task UnflaggedTextSaysSo()
    {
        await Service<WordListAdmin>().CreateAsync(Admin, "通用词表", null, ["测试词"]);
        var cut = Render<WordListsPage>();

        cut.Find(".wordlist-tester textarea").Change("老人什么时候接种流感疫苗最好？");
        cut.Find("form.wordlist-tester").Submit();

        cut.WaitForAssertion(() => Assert.Contains("没有命中敏感词", cut.Find(".wordlist-test-result").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AModeratorIsRefused()
    {
        await AddStaffAsync("staff-mod", "mod@example.gov.cn", StaffRole.Moderator);
        SignInAs("staff-mod", "mod@example.gov.cn", StaffRole.Moderator);

        Render<WordListsPage>();

        Assert.Contains(SnackbarMessages(), m => m.Contains("管理员", StringComparison.Ordinal));
    }
}

/// <summary>A new word list sent without a name marks the name field and creates nothing.</summary>
public class NewWordListFormErrorTests : AdminTestContext
{
    public NewWordListFormErrorTests()
    {
        Services.AddSingleton<WordListMatchers>();
        Services.AddSingleton<QuestionScreening>();
        Services.AddSingleton<WordListAdmin>();
    }

    [Fact]
    public async Task AMissingNameIsMarkedOnItsFieldAndNoListIsCreated()
    {
        var cut = Render<WordListsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".new-wordlist-form textarea")));

        cut.Find(".new-wordlist-form textarea").Change("蓝鲸飞行");
        cut.Find("form.new-wordlist-form").Submit();

        cut.WaitForAssertion(() =>
        {
            var name = cut.Find(".new-wordlist-form input[type=text]");
            Assert.Equal("true", name.GetAttribute("aria-invalid"));
            var described = (name.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(described, id => cut.Find($"[id='{id}']").TextContent.Contains("请填写词表名称。", StringComparison.Ordinal));
        });
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.WordLists.ToListAsync());
    }
}
