using Bunit;
using Interview.Domain.Interviews;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Components.Admin.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Interview.Tests.Components.Admin.Live;

/// <summary>图文直播 (issue 13 point 7): host and typist post a photo with its caption as an entry of its own.</summary>
public class PhotoEntryFormTests : LiveConsoleTestContext
{
    private const string Caption = "接种点现场：老人排队接种";

    [Fact]
    public async Task TheHostPostsAPhotoWithACaptionAsOneEntryWhoseImageHasTheCaptionAsAltText()
    {
        var session = await LiveSessionAsync();
        await SignInAssignedAsync(session.Id, "staff-host", "host@example.gov.cn", StaffRole.Host);
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        var url = PostPhoto(cut, Caption);

        var entry = await PublishedOnceAsync(cut, session.Id);
        Assert.Equal(EntryKind.Host, entry.Kind);
        Assert.Contains($"<img src=\"{url}\" alt=\"{Caption}\"", entry.Html, StringComparison.Ordinal);
        Assert.Contains($"<p>{Caption}</p>", entry.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTypistCanPostOneToo()
    {
        var session = await LiveSessionAsync();
        await SignInAssignedAsync(session.Id, "staff-typist", "typist@example.gov.cn", StaffRole.Typist);
        var cut = Render<TypistConsolePage>(p => p.Add(s => s.Id, session.Id));

        PostPhoto(cut, Caption);

        var entry = await PublishedOnceAsync(cut, session.Id);
        Assert.Equal("主持人", entry.Speaker);
        Assert.Contains($"alt=\"{Caption}\"", entry.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyCaptionIsRefusedAtTheFieldAndNothingIsPublished()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));

        PostPhoto(cut, "  ");

        cut.WaitForAssertion(() => Assert.Contains("请填写图片说明", cut.Find(".photo-caption").TextContent, StringComparison.Ordinal));
        Assert.Empty(await StoredEntriesAsync(session.Id));
        // The photo stays, so the host only adds the caption and publishes.
        Assert.NotNull(cut.Find(".photo-entry img.photo-entry-preview"));
        cut.Find(".photo-caption input").Input(Caption);
        cut.Find(".publish-photo").Click();
        await PublishedOnceAsync(cut, session.Id);
        cut.WaitForAssertion(() => Assert.DoesNotContain("请填写图片说明", cut.Find(".photo-caption").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishingWithoutAPhotoSaysSoAtThePhoto()
    {
        var session = await LiveSessionAsync();
        var cut = Render<HostConsolePage>(p => p.Add(s => s.Id, session.Id));
        cut.WaitForElement(".photo-entry .photo-caption input").Input(Caption);

        cut.Find(".publish-photo").Click();

        cut.WaitForAssertion(() => Assert.Contains("请先上传要发布的图片", cut.Find(".photo-entry-photo-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(await StoredEntriesAsync(session.Id));
    }

    private async Task SignInAssignedAsync(int sessionId, string id, string email, StaffRole role)
    {
        await AddStaffAsync(id, email, role);
        await Service<InterviewAdmin>().AssignAsync(Admin, sessionId, id, role);
        SignInAs(id, email, role);
    }

    /// <summary>Uploads a photo in the console's 发布图片 panel, types the caption and publishes; the photo's address.</summary>
    private static string PostPhoto(IRenderedComponent<IComponent> cut, string caption)
    {
        cut.WaitForElement(".photo-entry");
        var form = cut.FindComponent<PhotoEntryForm>();
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Interview.Tests.Support.TestImages.Png(16, 12), "scene.png", contentType: "image/png"));
        var url = form.WaitForElement("img.photo-entry-preview").GetAttribute("src")!;
        form.Find(".photo-caption input").Input(caption);
        form.Find(".publish-photo").Click();
        return url;
    }

    private async Task<Interview.Web.Public.EntryView> PublishedOnceAsync(IRenderedComponent<IComponent> cut, int sessionId)
    {
        cut.WaitForAssertion(() => Assert.Single(StoredEntriesAsync(sessionId).GetAwaiter().GetResult()));
        return Assert.Single((await Catalog.EntriesAsync(sessionId))!);
    }
}
