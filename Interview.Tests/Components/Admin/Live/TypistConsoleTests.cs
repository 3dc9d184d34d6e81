using Bunit;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Live;
using Interview.Web.Live;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Components.Admin.Live;

public class TypistConsoleTests : LiveConsoleTestContext
{
    private const string TypistId = "staff-typist";
    private const string TypistEmail = "typist@example.gov.cn";

    [Fact]
    public async Task CtrlEnterPublishesTheTextAsAnAnswerCreditedToTheChosenGuestAndClearsTheBox()
    {
        var session = await LiveSessionAsync();
        await AddStaffAsync(TypistId, TypistEmail, StaffRole.Typist);
        await Service<InterviewAdmin>().AssignAsync(Admin, session.Id, TypistId, StaffRole.Typist);
        SignInAs(TypistId, TypistEmail, StaffRole.Typist);
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement("textarea.answer-text");

        cut.Find("textarea.answer-text").KeyDown(new KeyboardEventArgs { Key = "2", Code = "Digit2", AltKey = true });
        cut.Find("textarea.answer-text").Input("今年流感疫苗供应充足，**60 岁以上**老人可免费接种。");
        Assert.StartsWith("今年流感疫苗", BoxValue(cut, "textarea.answer-text"), StringComparison.Ordinal);
        cut.Find("textarea.answer-text").KeyDown(CtrlEnter);

        cut.WaitForAssertion(() => Assert.Equal("", BoxValue(cut, "textarea.answer-text")));
        var entry = Assert.Single(await StoredEntriesAsync(session.Id));
        Assert.Equal(EntryKind.Guest, entry.Kind);
        Assert.Equal(session.SecondGuestId, entry.GuestId);
        var published = Assert.Single((await Catalog.EntriesAsync(session.Id))!);
        Assert.Equal($"嘉宾 {SecondGuest}", published.Speaker);
        Assert.Contains("<strong>60 岁以上</strong>", published.Html, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("60 岁以上", cut.Find(".recent-entries").TextContent, StringComparison.Ordinal));
        Assert.Contains("已发布（第 1 条）", cut.Find(".answer-status").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreviewShowsTheRenderedMarkdownAsTheTypistTypes()
    {
        var session = await LiveSessionAsync();
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForElement("textarea.answer-text").Input("第一点：*早接种*");

        cut.WaitForAssertion(() => Assert.Contains("<em>早接种</em>", cut.Find(".preview-body").InnerHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAnswerIsCreditedToTheQuestionTheHostHasJustPutToTheGuests()
    {
        var session = await LiveSessionAsync();
        var questionId = await ApprovedQuestionAsync(session.Id);
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement("textarea.answer-text");

        await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Question, null, QuestionId: questionId));
        cut.WaitForAssertion(() => Assert.Contains("市民小王", cut.Find(".recent-entries").TextContent, StringComparison.Ordinal));
        cut.Find("textarea.answer-text").Input("建议在流行季到来前完成接种。");
        cut.Find("textarea.answer-text").KeyDown(CtrlEnter);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".recent-entries .live-entry").Count));
        var answer = (await StoredEntriesAsync(session.Id))[1];
        Assert.Equal(questionId, answer.QuestionId);
        await using var db = Database.CreateDbContext();
        Assert.Equal(QuestionStatus.Answered, (await db.Questions.SingleAsync(q => q.Id == questionId)).Status);
    }

    [Fact]
    public async Task AfterTheSessionEndedTheTypistsAnswerGoesOutAsAFollowUp()
    {
        var session = await LiveSessionAsync();
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement("textarea.answer-text");

        await Service<InterviewAdmin>().TransitionAsync(Admin, session.Id, InterviewStatus.Ended);
        cut.WaitForAssertion(() => Assert.Contains("会后答复", cut.Find(".answer-composer h2").TextContent, StringComparison.Ordinal));
        cut.Find("textarea.answer-text").Input("经核实，接种点周末照常开放。");
        cut.Find("textarea.answer-text").KeyDown(CtrlEnter);

        cut.WaitForAssertion(() => Assert.Equal("", BoxValue(cut, "textarea.answer-text")));
        Assert.Equal(EntryKind.FollowUp, Assert.Single(await StoredEntriesAsync(session.Id)).Kind);
    }

    [Fact]
    public async Task ASentBackAnswerShowsTheReviewersCommentAndCanBeRevisedAndSubmittedAgain()
    {
        var session = await LiveSessionAsync();
        await Service<InterviewAdmin>().SetReviewAsync(Admin, session.Id, true);
        var outcome = await Publisher.PublishAsync(Admin, session.Id, new EntryRequest(EntryKind.Guest, "接种率为 30%", session.FirstGuestId));
        await Publisher.SendBackDraftAsync(Admin, outcome.Draft!.Id, "数据请核实");
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForAssertion(() => Assert.Contains("数据请核实", cut.Find(".typist-draft .draft-comment").TextContent, StringComparison.Ordinal));
        // The reviewer who sent it back, by display name.
        Assert.Contains(AdminName, cut.Find(".typist-draft .draft-comment").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminEmail, cut.Find(".typist-draft").TextContent, StringComparison.Ordinal);
        // The console may still be reloading its drafts (the send-back's event), which can replace the button the
        // first click went to: click until the editor is open.
        cut.WaitForAssertion(() =>
        {
            if (cut.FindAll("textarea.revise-text").Count == 0)
            {
                cut.Find(".revise-draft").Click();
            }
            Assert.NotEmpty(cut.FindAll("textarea.revise-text"));
        });
        cut.Find("textarea.revise-text").Input("接种率为 35%");
        cut.Find(".resubmit-draft").Click();

        cut.WaitForAssertion(() => Assert.Equal("待审核", cut.Find(".typist-draft .draft-status").TextContent.Trim()));
        var draft = Assert.Single(await StoredDraftsAsync(session.Id));
        Assert.Equal(DraftStatus.Pending, draft.Status);
        Assert.Equal("接种率为 35%", draft.Markdown);
    }

    [Fact]
    public async Task AnUploadedPhotoIsAddedToTheEndOfTheAnswer()
    {
        var session = await LiveSessionAsync();
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement("textarea.answer-text").Input("这是接种点现场：");
        var png = Interview.Tests.Support.TestImages.Png(transparent: true);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png, "scene.png", contentType: "image/png"));

        cut.WaitForAssertion(() => Assert.Matches(@"^这是接种点现场：\n\n!\[图片\]\(/media/live/[0-9a-f]{32}\.png\)$", BoxValue(cut, "textarea.answer-text")));
    }

    [Fact]
    public async Task ATypistWhoIsNotAssignedToTheSessionIsTurnedAway()
    {
        var session = await LiveSessionAsync();
        await AddStaffAsync(TypistId, TypistEmail, StaffRole.Typist);
        SignInAs(TypistId, TypistEmail, StaffRole.Typist);

        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".console-refused")));
        Assert.Empty(cut.FindAll("textarea.answer-text"));
    }
}
