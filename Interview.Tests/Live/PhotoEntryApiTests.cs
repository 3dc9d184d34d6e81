using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Interview.Tests.Support;

namespace Interview.Tests.Live;

/// <summary>
/// 图文直播 through the API (issue 13 point 7): a stored photo and its caption become an entry of their own, whose image
/// has the caption as its alt text, shown escaped on the public page whatever staff typed.
/// </summary>
public sealed class PhotoEntryApiTests(LiveRoomTests.Site site) : IClassFixture<LiveRoomTests.Site>
{
    [Fact]
    public async Task APhotoWithACaptionIsAnEntryOfItsOwnAndThePublicPageShowsItWithTheCaptionAsAltTextEscaped()
    {
        var id = await site.NewLiveSessionAsync("图文");
        using var admin = site.Client(await site.TokenAsync());
        var url = await UploadAsync(admin, id);
        const string caption = "接种点现场 <script>alert(\"x\")</script> “排队” 'A&B' [链接](https://evil.example) **粗体**";

        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "photo", photoUrl = url, caption });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("host", entry.GetProperty("kind").GetString());
        using var reader = site.CreateClient();
        var html = await reader.GetStringAsync($"/interviews/{id}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var shown = new HtmlParser().ParseDocument(html).QuerySelector($"#e{entry.GetProperty("seq").GetInt32()} .entry-body")!;
        var image = Assert.Single(shown.QuerySelectorAll("img"));
        Assert.Equal(url, image.GetAttribute("src"));
        Assert.Equal(caption, image.GetAttribute("alt"));
        // The caption under the photo, as typed: no link, no bold, no script.
        Assert.Equal(caption, shown.QuerySelectorAll("p").Last().TextContent.Trim());
        Assert.Empty(shown.QuerySelectorAll("a, strong, script"));
    }

    [Theory]
    [InlineData("", "请填写图片说明")]
    [InlineData("   \n ", "请填写图片说明")]
    public async Task APhotoWithoutACaptionIsRefusedAndNothingIsPublished(string caption, string message)
    {
        var id = await site.NewLiveSessionAsync("图文");
        using var admin = site.Client(await site.TokenAsync());
        var url = await UploadAsync(admin, id);

        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "photo", photoUrl = url, caption });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await EntryCountAsync(id));
    }

    [Fact]
    public async Task ACaptionTooLongOrAPhotoThatIsNotStoredHereIsRefused()
    {
        var id = await site.NewLiveSessionAsync("图文");
        using var admin = site.Client(await site.TokenAsync());
        var url = await UploadAsync(admin, id);

        var tooLong = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "photo", photoUrl = url, caption = new string('图', 201) });
        var elsewhere = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "photo", photoUrl = "https://evil.example/x.png", caption = "现场" });
        var unknown = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/entries", new { kind = "photo", photoUrl = "/media/live/00000000000000000000000000000000.png", caption = "现场" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("200", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("请先上传要发布的图片", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(0, await EntryCountAsync(id));
    }

    private static async Task<string> UploadAsync(HttpClient staff, int id)
    {
        using var photo = new ByteArrayContent(TestImages.Png(16, 12));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var uploaded = await staff.PostAsync($"/api/v1/interviews/{id}/photos", photo);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    private async Task<int> EntryCountAsync(int id)
    {
        using var reader = site.CreateClient();
        return (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/interviews/{id}/entries")).GetProperty("items").GetArrayLength();
    }
}
