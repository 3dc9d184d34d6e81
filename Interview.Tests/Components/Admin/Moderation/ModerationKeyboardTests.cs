using Bunit;
using Interview.Domain.Questions;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>Keyboard-only operation (GB/T 37668): every decision without the mouse, and no key firing while typing.</summary>
public class ModerationKeyboardTests : ModerationConsoleTestContext
{
    [Fact]
    public async Task TheKeysAreDocumentedOnThePageAndQuestionMarkOpensTheFullList()
    {
        var session = await LiveSessionAsync();
        var cut = RenderConsole(session.Id);
        var line = cut.WaitForElement(".key-help-line").TextContent;
        foreach (var key in new[] { "j", "k", "a", "e", "r", "m", "b", "f", "s", "?" })
        {
            Assert.Contains(key, line, StringComparison.Ordinal);
        }
        Assert.Empty(cut.FindAll(".key-help-full"));

        await PressAsync(cut, "?");

        cut.WaitForAssertion(() => Assert.Contains("Ctrl", cut.Find(".key-help-full").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JKAndTheArrowsMoveTheSelectionAndAApprovesTheSelectedQuestion()
    {
        var session = await LiveSessionAsync();
        var first = await PendingQuestionAsync(session.Id, "第一个问题", secondsAgo: 30);
        var second = await PendingQuestionAsync(session.Id, "第二个问题", secondsAgo: 20);
        var third = await PendingQuestionAsync(session.Id, "第三个问题", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(first, SelectedId(cut)));

        await PressAsync(cut, "j");
        Assert.Equal(second, SelectedId(cut));
        await PressAsync(cut, "ArrowDown");
        Assert.Equal(third, SelectedId(cut));
        await PressAsync(cut, "j");
        Assert.Equal(third, SelectedId(cut));
        await PressAsync(cut, "k");
        Assert.Equal(second, SelectedId(cut));
        await PressAsync(cut, "ArrowUp");
        await PressAsync(cut, "ArrowDown");
        Assert.Equal(second, SelectedId(cut));
        Assert.Equal("0", Row(cut, second).GetAttribute("tabindex"));
        Assert.Equal("-1", Row(cut, first).GetAttribute("tabindex"));

        await PressAsync(cut, "a");

        cut.WaitForAssertion(() => Assert.Equal([first, third], Listed(cut)));
        Assert.Equal(QuestionStatus.Approved, (await StoredQuestionAsync(second)).Status);
        Assert.Equal(QuestionStatus.Pending, (await StoredQuestionAsync(first)).Status);
        // The selection moves on to the question now in its place.
        Assert.Equal(third, SelectedId(cut));
    }

    [Fact]
    public async Task RThenTwoThenEnterRejectsTheSelectedQuestionAsOffTopic()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "今天天气怎么样？");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));

        await PressAsync(cut, "r");
        cut.WaitForElement(".reject-panel");
        await PressAsync(cut, "2");
        Assert.True(cut.Find(".reject-panel input[data-reason=OffTopic]").HasAttribute("checked"));
        await PressAsync(cut, "Enter");

        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        var stored = await StoredQuestionAsync(id);
        Assert.Equal((QuestionStatus.Rejected, (RejectReason?)RejectReason.OffTopic), (stored.Status, stored.RejectReason));
    }

    [Fact]
    public async Task EscapeLeavesARejectionUndone()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "今天天气怎么样？");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));

        await PressAsync(cut, "r");
        await PressAsync(cut, "4");
        await PressAsync(cut, "Escape");
        await PressAsync(cut, "Enter");

        Assert.Empty(cut.FindAll(".reject-panel"));
        Assert.Equal(QuestionStatus.Pending, (await StoredQuestionAsync(id)).Status);
    }

    [Fact]
    public async Task EEditsAndCtrlEnterApprovesTheEditWhileTheOriginalIsKept()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "疫苗 在哪 打??");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));

        await PressAsync(cut, "e");
        var box = cut.WaitForElement("textarea.edit-text");
        Assert.Equal("疫苗 在哪 打??", box.GetAttribute("value"));
        box.Input("疫苗在哪里打？");
        await cut.Find("textarea.edit-text").KeyDownAsync(CtrlEnter);

        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        var stored = await StoredQuestionAsync(id);
        Assert.Equal((QuestionStatus.Approved, "疫苗在哪里打？", "疫苗 在哪 打??"), (stored.Status, stored.Text, stored.OriginalText));
    }

    [Fact]
    public async Task KeysTypedInTheEditBoxOrTheNoteFieldDoNotTriggerActions()
    {
        var session = await LiveSessionAsync();
        var first = await PendingQuestionAsync(session.Id, "第一个问题", secondsAgo: 20);
        await PendingQuestionAsync(session.Id, "第二个问题", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(first, SelectedId(cut)));

        await PressAsync(cut, "e");
        foreach (var key in new[] { "a", "j", "r", "m", "b", "s", "f", "Enter", "ArrowDown" })
        {
            await cut.Find("textarea.edit-text").KeyDownAsync(new KeyboardEventArgs { Key = key });
        }
        Assert.NotEmpty(cut.FindAll("textarea.edit-text"));
        Assert.Equal(first, SelectedId(cut));
        await cut.Find("textarea.edit-text").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("textarea.edit-text"));

        await PressAsync(cut, "r");
        foreach (var key in new[] { "a", "3", "j", "s" })
        {
            await cut.Find(".reject-note").KeyDownAsync(new KeyboardEventArgs { Key = key });
        }
        Assert.Equal("true", cut.Find("[data-status=Pending]").GetAttribute("aria-pressed"));
        Assert.True(cut.Find(".reject-panel input[data-reason=Duplicate]").HasAttribute("checked"));
        Assert.NotEmpty(cut.FindAll(".reject-panel"));
        Assert.Equal(first, SelectedId(cut));
        await using var db = Database.CreateDbContext();
        Assert.All(await db.Questions.ToListAsync(), q => Assert.Equal(QuestionStatus.Pending, q.Status));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("question.")));
    }

    [Fact]
    public async Task MThenMovingToTheTargetAndEnterMergesTheDuplicate()
    {
        var session = await LiveSessionAsync();
        var duplicate = await PendingQuestionAsync(session.Id, "流感疫苗打几针？", secondsAgo: 30);
        var other = await PendingQuestionAsync(session.Id, "别的问题", secondsAgo: 20);
        var survivor = await PendingQuestionAsync(session.Id, "流感疫苗要打几针？", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(duplicate, SelectedId(cut)));

        await PressAsync(cut, "m");
        await PressAsync(cut, "Enter");
        Assert.Contains("请选择另一条", cut.Find(".moderation-notice").TextContent, StringComparison.Ordinal);
        await PressAsync(cut, "j");
        await PressAsync(cut, "j");
        Assert.Equal(survivor, SelectedId(cut));
        await PressAsync(cut, "Enter");

        cut.WaitForAssertion(() => Assert.Equal([other, survivor], Listed(cut)));
        var stored = await StoredQuestionAsync(duplicate);
        Assert.Equal((QuestionStatus.Merged, (int?)survivor), (stored.Status, stored.MergedIntoId));
        Assert.Empty(cut.FindAll(".merge-banner"));
    }

    [Fact]
    public async Task BThenEnterBlocksTheSenderOfTheSelectedQuestion()
    {
        var session = await LiveSessionAsync();
        var id = await PendingQuestionAsync(session.Id, "刷屏内容", clientKey: "client-flood");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(id, SelectedId(cut)));

        await PressAsync(cut, "b");
        cut.WaitForElement(".block-panel");
        await PressAsync(cut, "Enter");

        cut.WaitForAssertion(() => Assert.NotNull(Row(cut, id).QuerySelector(".sender-blocked")));
        await using var db = Database.CreateDbContext();
        Assert.Equal("client-flood", (await db.ClientBlocks.SingleAsync()).ClientKey);
    }

    [Fact]
    public async Task SAndFStepThroughTheStatusAndFlagFilters()
    {
        var session = await LiveSessionAsync();
        var pending = await PendingQuestionAsync(session.Id, "待审问题", flags: [new QuestionFlag(FlagKind.SensitiveWord, "某词")]);
        var approved = await ApprovedQuestionAsync(session.Id, "已采用问题");
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal([pending], Listed(cut)));

        await PressAsync(cut, "s");
        cut.WaitForAssertion(() => Assert.Equal([approved], Listed(cut)));
        Assert.Equal("true", cut.Find("[data-status=Approved]").GetAttribute("aria-pressed"));
        await PressAsync(cut, "f");
        cut.WaitForAssertion(() => Assert.Empty(Listed(cut)));
        Assert.Equal("true", cut.Find("[data-flags=Flagged]").GetAttribute("aria-pressed"));
        for (var i = 0; i < 4; i++)
        {
            await PressAsync(cut, "s");
        }
        cut.WaitForAssertion(() => Assert.Equal([pending], Listed(cut)));
        Assert.Equal("true", cut.Find("[data-status=All]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task KeepingPersonalDataIsChosenForOneQuestionAndNotCarriedToTheNext()
    {
        var session = await LiveSessionAsync();
        var first = await PendingQuestionAsync(session.Id, "我的电话 13800000000", secondsAgo: 20);
        await PendingQuestionAsync(session.Id, "第二个问题", secondsAgo: 10);
        var cut = RenderConsole(session.Id);
        cut.WaitForAssertion(() => Assert.Equal(first, SelectedId(cut)));

        cut.Find(".keep-personal-data input").Change(true);
        Assert.True(cut.Find(".keep-personal-data input").HasAttribute("checked"));
        await PressAsync(cut, "j");

        Assert.False(cut.Find(".keep-personal-data input").HasAttribute("checked"));
    }
}
