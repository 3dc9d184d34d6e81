using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Staff;

public sealed class StaffApiTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    public sealed class Site() : StaffSite(requireTwoFactor: false);

    private static readonly object Column = new { name = "民生访谈", slug = "minsheng", description = "民生话题" };

    [Fact]
    public async Task TheConfiguredAdminGetsABearerToken()
    {
        var response = await site.LoginAsync(StaffSite.AdminEmail);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("accessToken").GetString()));
        Assert.True(json.GetProperty("expiresIn").GetInt32() > 0);
    }

    [Theory]
    [InlineData(StaffSite.AdminEmail, "wrong-password")]
    [InlineData("nobody@example.gov.cn", StaffSite.Password)]
    [InlineData("", "")]
    public async Task WrongCredentialsGet401WithAClearMessage(string email, string password)
    {
        var response = await site.LoginAsync(email, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("邮箱或密码错误", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswordsStopThatAddressForThatAccountNotTheAccountItself()
    {
        var email = $"lock-{Guid.NewGuid():N}"[..16] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "moderator");

        for (var i = 0; i < 5; i++)
        {
            await site.LoginFromAsync("10.9.0.1", email, "wrong-password");
        }
        var throttled = await site.LoginFromAsync("10.9.0.1", email, StaffSite.Password);
        var elsewhere = await site.LoginFromAsync("10.9.0.2", email, StaffSite.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("尝试次数过多", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        var audit = (await site.AuditAsync()).Where(a => a.Action == "auth.sign-in" && a.Actor == email).ToList();
        Assert.Equal(7, audit.Count);
        Assert.Equal("failed: throttled", audit[5].Outcome);
    }

    public static TheoryData<string, string, string> StaffEndpoints() => new()
    {
        { "/api/v1/staff", "admin", """{"email":"x@example.gov.cn","password":"Interview-2026","displayName":"x","roles":["typist"]}""" },
        { "/api/v1/columns", "admin", """{"name":"栏目","slug":"lanmu","description":""}""" },
        { "/api/v1/interviews", "admin,host", """{"columnId":1,"title":"标题","scheduledStart":"2027-01-01T10:00:00+08:00","scheduledEnd":"2027-01-01T11:00:00+08:00","guests":[{"name":"张三","title":"局长","organization":"市局"}]}""" },
        { "/api/v1/interviews/1/transitions", "admin,host", """{"to":"cancelled"}""" },
    };

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    public async Task EveryStaffEndpointRefusesMissingTokensAndWrongRoles(string path, string roles, string body)
    {
        using var anonymous = site.Client(null);
        var noToken = await anonymous.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

        using var bogus = site.Client("not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.PostAsync(path, Json(body))).StatusCode);

        // A role the endpoint does not name.
        var other = new[] { "moderator", "typist", "reviewer", "host" }.First(r => !roles.Contains(r, StringComparison.Ordinal));
        var email = $"{other}-{Guid.NewGuid():N}"[..20] + "@example.gov.cn";
        await site.CreateStaffAsync(email, other);
        using var wrongRole = site.Client(await site.TokenAsync(email));
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongRole.PostAsync(path, Json(body))).StatusCode);
    }

    [Fact]
    public async Task AnAdminCreatesAColumnASessionAndSchedulesIt()
    {
        using var admin = site.Client(await site.TokenAsync());
        var slug = $"col-{Guid.NewGuid():N}"[..12];

        var column = await admin.PostAsJsonAsync("/api/v1/columns", new { name = "政务公开", slug, description = "说明" });
        Assert.Equal(HttpStatusCode.Created, column.StatusCode);
        var columnJson = JsonDocument.Parse(await column.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(slug, columnJson.GetProperty("slug").GetString());

        var created = await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = columnJson.GetProperty("id").GetInt32(),
            title = "优化营商环境在线访谈",
            summary = "**背景**材料",
            scheduledStart = "2027-03-01T10:00:00+08:00",
            scheduledEnd = "2027-03-01T11:00:00+08:00",
            guests = new[] { new { name = "王强", title = "局长", organization = "市营商环境局", bio = "简介" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("draft", session.GetProperty("status").GetString());
        Assert.Equal("王强", session.GetProperty("guests")[0].GetProperty("name").GetString());
        Assert.True(session.GetProperty("guests")[0].GetProperty("id").GetInt32() > 0);
        var id = session.GetProperty("id").GetInt32();

        using var anonymous = site.Client(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/interviews/{id}")).StatusCode);

        var scheduled = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal("scheduled", JsonDocument.Parse(await scheduled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        var page = await anonymous.GetAsync($"/interviews/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("优化营商环境在线访谈", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIllegalTransitionIs409WithTheReasonAndIsAudited()
    {
        using var admin = site.Client(await site.TokenAsync());
        var id = await site.DemoInterviewIdAsync("published");

        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "live" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("不能从「文字实录」变为「直播中」", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = (await site.AuditAsync()).Last(a => a.Target == $"interview/{id}");
        Assert.Equal("interview.transition", refused.Action);
        Assert.Contains("不能从", refused.Outcome, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"to":"bogus"}""")]
    [InlineData("""{"to":"3"}""")]
    [InlineData("""{}""")]
    public async Task AnUnknownTargetStateIs400(string body)
    {
        using var admin = site.Client(await site.TokenAsync());
        var id = await site.DemoInterviewIdAsync("scheduled");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/v1/interviews/{id}/transitions", Json(body))).StatusCode);
    }

    [Fact]
    public async Task ATakenSlugIs409()
    {
        using var admin = site.Client(await site.TokenAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/columns", new { name = "重复", slug = "health" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("", "Interview-2026", "邮箱")]
    [InlineData("weak@example.gov.cn", "short", "密码")]
    public async Task BadStaffAccountsAreRefusedWithTheReason(string email, string password, string message)
    {
        using var admin = site.Client(await site.TokenAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email, password, displayName = "x", roles = new[] { "typist" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachPrivilegedActionLeavesExactlyOneCompleteAuditEntry()
    {
        using var admin = site.Client(await site.TokenAsync());
        var before = (await site.AuditAsync()).Count;
        var slug = $"aud-{Guid.NewGuid():N}"[..12];

        var column = JsonDocument.Parse(await (await admin.PostAsJsonAsync("/api/v1/columns", new { name = "审计", slug })).Content.ReadAsStringAsync()).RootElement;
        var session = JsonDocument.Parse(await (await admin.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = column.GetProperty("id").GetInt32(),
            title = "审计测试",
            scheduledStart = "2027-03-01T10:00:00+08:00",
            scheduledEnd = "2027-03-01T11:00:00+08:00",
            guests = new[] { new { name = "李四", title = "处长", organization = "市局" } },
        })).Content.ReadAsStringAsync()).RootElement;
        var id = session.GetProperty("id").GetInt32();
        await admin.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" });
        var staff = await admin.PostAsJsonAsync("/api/v1/staff", new { email = $"{slug}@example.gov.cn", password = StaffSite.Password, displayName = "新人", roles = new[] { "typist" } });
        var staffId = JsonDocument.Parse(await staff.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var added = (await site.AuditAsync()).Skip(before).Where(a => a.Action != "auth.sign-in").ToList();
        Assert.Collection(added,
            a => AssertComplete(a, "column.create", $"column/{column.GetProperty("id").GetInt32()}"),
            a => AssertComplete(a, "interview.create", $"interview/{id}"),
            a => AssertComplete(a, "interview.transition", $"interview/{id}"),
            a => AssertComplete(a, "staff.create", $"staff/{staffId}"));
        Assert.Equal("draft -> scheduled", added[2].Details);
    }

    [Fact]
    public async Task AHostActsOnlyOnTheSessionsAssignedToThem()
    {
        var first = $"host1-{Guid.NewGuid():N}"[..16] + "@example.gov.cn";
        var second = $"host2-{Guid.NewGuid():N}"[..16] + "@example.gov.cn";
        await site.CreateStaffAsync(first, "host");
        await site.CreateStaffAsync(second, "host");
        using var host = site.Client(await site.TokenAsync(first));
        using var otherHost = site.Client(await site.TokenAsync(second));

        var created = await host.PostAsJsonAsync("/api/v1/interviews", new
        {
            columnId = 1,
            title = "主持人自建访谈",
            scheduledStart = "2027-03-01T10:00:00+08:00",
            scheduledEnd = "2027-03-01T11:00:00+08:00",
            guests = new[] { new { name = "赵六", title = "主任", organization = "市中心" } },
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var refused = await otherHost.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" });
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{created.StatusCode} {id} {await refused.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/v1/interviews/{id}/transitions", new { to = "scheduled" })).StatusCode);
        var demo = await site.DemoInterviewIdAsync("scheduled&column=policy");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsJsonAsync($"/api/v1/interviews/{demo}/transitions", new { to = "cancelled" })).StatusCode);
    }

    [Fact]
    public async Task ADemotedAccountLosesItsPowersAtOnceEvenWithAnOldToken()
    {
        var email = $"demoted-{Guid.NewGuid():N}"[..18] + "@example.gov.cn";
        var id = await site.CreateStaffAsync(email, "admin");
        using var demoted = site.Client(await site.TokenAsync(email));
        await site.SetRolesAsync(id, "typist");

        var response = await demoted.PostAsJsonAsync("/api/v1/columns", new { name = "越权", slug = $"x-{Guid.NewGuid():N}"[..10] });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static void AssertComplete(Interview.Domain.Audit.AuditEntry entry, string action, string target)
    {
        Assert.Equal(action, entry.Action);
        Assert.Equal(target, entry.Target);
        Assert.Equal(StaffSite.AdminEmail, entry.Actor);
        Assert.Equal("ok", entry.Outcome);
        Assert.False(string.IsNullOrEmpty(entry.IpAddress));
        Assert.True(entry.At > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

public sealed class AuditExportTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    [Fact]
    public async Task AdminsExportTheFilteredLogAsCsvThatSpreadsheetsReadSafely()
    {
        using var admin = site.Client(await site.TokenAsync());
        await admin.PostAsJsonAsync("/api/v1/columns", new { name = "=HYPERLINK(\"x\")", slug = $"csv-{Guid.NewGuid():N}"[..12] });

        var response = await admin.GetAsync("/admin/audit.csv?action=column.");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("时间,操作人,操作,对象,结果,IP,详情", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(",column.", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'=HYPERLINK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCsvHeaderFollowsTheReadersLanguage()
    {
        using var admin = site.Client(await site.TokenAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit.csv");
        request.Headers.AcceptLanguage.ParseAdd("en");

        var bytes = await (await admin.SendAsync(request)).Content.ReadAsByteArrayAsync();

        Assert.StartsWith("Time,Actor,Action,Target,Outcome,IP,Details\r\n", System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OthersMayNotExportTheLog()
    {
        var email = $"mod-{Guid.NewGuid():N}"[..14] + "@example.gov.cn";
        await site.CreateStaffAsync(email, "moderator");
        using var moderator = site.Client(await site.TokenAsync(email));

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync("/admin/audit.csv")).StatusCode);
    }
}

public sealed class GuestPhotoTests(StaffApiTests.Site site) : IClassFixture<StaffApiTests.Site>
{
    private Interview.Web.Admin.InterviewAdmin Sessions => site.Services.GetRequiredService<Interview.Web.Admin.InterviewAdmin>();

    private Interview.Web.Media.ImageStore Images => site.Services.GetRequiredService<Interview.Web.Media.ImageStore>();

    [Fact]
    public async Task AnUploadedGuestPhotoShowsOnThePreviewAndIsServedAsAnImage()
    {
        var actor = await AdminAsync();
        var id = await site.DemoInterviewIdAsync("scheduled&column=policy");
        var guest = (await Sessions.GetAsync(actor, id)).Guests[0];

        var url = await Sessions.SetGuestPhotoAsync(actor, id, guest.Id, new MemoryStream(TestImages.Png(transparent: true)));

        using var client = site.CreateClient();
        Assert.Contains($"src=\"{url}\"", await client.GetStringAsync($"/interviews/{id}"), StringComparison.Ordinal);
        var photo = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((await Images.FindAsync(url))!.Bytes, await photo.Content.ReadAsByteArrayAsync());
        Assert.Contains((await site.AuditAsync()).TakeLast(3), a => a.Action == "interview.guest.photo" && a.Target == $"interview/{id}");
    }

    [Fact]
    public async Task AReplacedGuestPhotoIsDeletedFromTheStore()
    {
        var actor = await AdminAsync();
        var (id, guestId) = await DraftWithGuestAsync(actor);
        var first = await Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg()));

        var second = await Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg(12, 16)));

        Assert.False(await IsStoredAsync(first));
        Assert.True(await IsStoredAsync(second));
        Assert.Equal(second, (await Sessions.GetAsync(actor, id)).Guests.Single().PhotoUrl);
    }

    [Fact]
    public async Task ARemovedPhotoAndThePhotoOfARemovedGuestAreDeletedFromTheStore()
    {
        var actor = await AdminAsync();
        var (id, guestId) = await DraftWithGuestAsync(actor);
        var removed = await Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg()));

        await Sessions.RemoveGuestPhotoAsync(actor, id, guestId);

        Assert.False(await IsStoredAsync(removed));
        Assert.Null((await Sessions.GetAsync(actor, id)).Guests.Single().PhotoUrl);
        var ofGuest = await Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg()));
        await Sessions.RemoveGuestAsync(actor, id, guestId);
        Assert.False(await IsStoredAsync(ofGuest));
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsRefusedAndTheGuestKeepsTheirPhoto()
    {
        var actor = await AdminAsync();
        var (id, guestId) = await DraftWithGuestAsync(actor);
        var kept = await Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream(TestImages.Jpeg()));

        var error = await Assert.ThrowsAsync<Interview.Domain.DomainException>(() =>
            Sessions.SetGuestPhotoAsync(actor, id, guestId, new MemoryStream("<html><script>alert(1)</script></html>"u8.ToArray())));

        Assert.Contains("无法识别为图片", global::Interview.Web.Text.ErrorText.Of(error, global::Interview.Web.Text.SiteCultures.Neutral), StringComparison.Ordinal);
        Assert.True(await IsStoredAsync(kept));
        Assert.Equal(kept, (await Sessions.GetAsync(actor, id)).Guests.Single().PhotoUrl);
    }

    private async Task<bool> IsStoredAsync(string url) => await Images.FindAsync(url) is not null;

    private async Task<(int Id, int GuestId)> DraftWithGuestAsync(Interview.Web.Staff.StaffActor actor)
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var session = await Sessions.CreateAsync(actor, new Interview.Web.Admin.NewInterview(1, $"照片测试 {Guid.NewGuid():N}"[..12], null, start, start.AddHours(1),
            [new Interview.Web.Admin.GuestEdit("李卫东", "主任", "市疾控中心", null)]));
        return (session.Id, session.Guests.Single().Id);
    }

    private async Task<Interview.Web.Staff.StaffActor> AdminAsync()
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Interview.Web.Staff.StaffUser>>();
        var admin = (await users.FindByEmailAsync(StaffSite.AdminEmail))!;
        return new Interview.Web.Staff.StaffActor(admin.Id, StaffSite.AdminEmail, "127.0.0.1");
    }
}
