using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web.Data;
using Interview.Web.Events;
using Interview.Web.Live;
using Interview.Web.Operations;
using Interview.Web.Questions;
using Interview.Web.Public;
using Interview.Web.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Hosting;

/// <summary>Two instances on one database and one Redis: what one instance does, the other sees.</summary>
public sealed class RedisScaleOutTests(TwoInstances sites) : IClassFixture<TwoInstances>
{
    private StaffSite A => sites.A;
    private StaffSite B => sites.B;

    [Fact]
    public async Task AnEventAnnouncedOnOneInstanceIsHeardOnceOnEveryInstanceAndLocalListenersHearOnlyTheirOwn()
    {
        // Sessions that do not exist, so that nothing else announces them: each event's session id is its number.
        const int first = 900_001;
        var (busA, busB) = (A.Services.GetRequiredService<IEventBus>(), B.Services.GetRequiredService<IEventBus>());
        var heard = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        Func<LiveEvent, Task> Record(string listener) => e =>
        {
            if (e is DraftsChanged { InterviewId: >= first } marker)
            {
                heard.GetOrAdd(listener, _ => new()).Enqueue(marker.InterviewId - first + 1);
            }
            return Task.CompletedTask;
        };
        using var allA = busA.Subscribe(null, Record("A"));
        using var localA = busA.SubscribeLocal(null, Record("A local"));
        using var allB = busB.Subscribe(null, Record("B"));
        using var localB = busB.SubscribeLocal(null, Record("B local"));

        await busA.PublishAsync(new DraftsChanged(first));
        await busA.PublishAsync(new DraftsChanged(first + 1));
        // Redis keeps the channel's order: once an instance heard the next event, any repeat of the earlier ones would
        // have reached it before.
        await LiveClient.EventuallyAsync(() => Heard("B").Contains(2), "B to hear A's events");
        await busB.PublishAsync(new DraftsChanged(first + 2));
        await LiveClient.EventuallyAsync(() => Heard("A").Contains(3), "A to hear B's event");

        Assert.Equal([1, 2, 3], Heard("A"));
        Assert.Equal([1, 2, 3], Heard("B"));
        Assert.Equal([1, 2], Heard("A local"));
        Assert.Equal([3], Heard("B local"));

        int[] Heard(string listener) => heard.TryGetValue(listener, out var events) ? [.. events] : [];
    }

    [Fact]
    public async Task AQuestionSubmittedOnOneInstanceReachesTheConsolesOfTheOtherWithinASecond()
    {
        var id = await A.DemoInterviewIdAsync("live");
        var heard = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        // What a moderator's console on A listens to.
        using var console = A.Services.GetRequiredService<IEventBus>().Subscribe(id, e =>
        {
            if (e is QuestionsChanged)
            {
                heard.TrySetResult(DateTime.UtcNow);
            }
            return Task.CompletedTask;
        });
        using var citizen = B.CreateDefaultClient(new ClientAddress("10.60.0.1"));

        var response = await AskAsync(citizen, id, "在B实例上提的问题");
        var answered = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var arrived = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(arrived - answered < TimeSpan.FromSeconds(1), $"the console heard it {(arrived - answered).TotalMilliseconds:0} ms after the receipt");
    }

    [Fact]
    public async Task AViewerOnOneInstanceReceivesEachEntryPublishedOnEitherInstanceExactlyOnce()
    {
        var id = await A.DemoInterviewIdAsync("live");
        await using var viewer = await LiveClient.ConnectAsync(B);
        var latest = (await viewer.JoinAsync(id, 0)).Select(e => e.GetProperty("seq").GetInt32()).DefaultIfEmpty(0).Max();
        var (busA, busB) = (A.Services.GetRequiredService<IEventBus>(), B.Services.GetRequiredService<IEventBus>());

        // Each wait is a fence: the backplane keeps one instance's sends in order, so a doubled send of an earlier
        // entry would be in the queue before the next one arrives.
        await busA.PublishAsync(new EntryPublished(id, Entry(id, latest + 1)));
        await LiveClient.EventuallyAsync(() => Seqs(viewer).Contains(latest + 1), "the entry published on A");
        await busB.PublishAsync(new EntryPublished(id, Entry(id, latest + 2)));
        await LiveClient.EventuallyAsync(() => Seqs(viewer).Contains(latest + 2), "the entry published on B");
        await busA.PublishAsync(new EntryPublished(id, Entry(id, latest + 3)));
        await LiveClient.EventuallyAsync(() => Seqs(viewer).Contains(latest + 3), "the second entry published on A");

        Assert.Equal([latest + 1, latest + 2, latest + 3], Seqs(viewer));
    }

    [Fact]
    public async Task TheSixthQuestionInAMinuteFromOneClientIsRefusedWhicheverInstanceGetsIt()
    {
        var id = await A.DemoInterviewIdAsync("live");
        using var onA = A.CreateDefaultClient(new ClientAddress("10.61.0.1"));
        using var onB = B.CreateDefaultClient(new ClientAddress("10.61.0.1"));
        using var neighbour = B.CreateDefaultClient(new ClientAddress("10.61.0.2"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoInstances.QuestionsPerMinute; i++)
        {
            statuses.Add((await AskAsync(i % 2 == 0 ? onA : onB, id, $"第{i}个问题")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync(onA, id, "第六个问题")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AskAsync(onB, id, "第六个问题")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(neighbour, id, "另一位网友")).StatusCode);
    }

    [Fact]
    public async Task ASenderBlockedOnOneInstanceIsRefusedOnTheOther()
    {
        var id = await A.DemoInterviewIdAsync("live");
        using var sender = B.CreateDefaultClient(new ClientAddress("10.62.0.1"));
        var receipt = (await (await AskAsync(sender, id, "刷屏内容")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();
        using var moderator = A.Client(await A.TokenAsync());
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        var qid = db.Questions.Single(q => q.Receipt == receipt).Id;

        var blocked = await moderator.PostAsJsonAsync($"/api/v1/questions/{qid}/block-sender", new { reason = "刷屏" });
        var again = await AskAsync(sender, id, "再来一条");

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task AWordListSavedOnOneInstanceScreensQuestionsOnTheOther()
    {
        var screeningB = B.Services.GetRequiredService<QuestionScreening>();
        const string text = "请问跨实例新词怎么处理";
        Assert.Empty((await screeningB.ScreenAsync(null, text)).Words);
        using var admin = A.Client(await A.TokenAsync());

        var created = await admin.PostAsJsonAsync("/api/v1/wordlists", new { name = "跨实例词表", words = new[] { "跨实例新词" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // B built its matcher before the save and keeps it until told: only the message makes it screen the new word.
        await TwoInstances.EventuallyAsync(async () => (await screeningB.ScreenAsync(null, text)).Words.Count > 0, "B to use the new word list");
    }

    [Fact]
    public async Task PortalSettingsSavedOnOneInstanceShowOnTheOthersPages()
    {
        var settingsB = B.Services.GetRequiredService<Interview.Web.Portal.PortalSettings>();
        Assert.Null((await settingsB.CurrentAsync()).Operator);
        string adminId;
        await using (var db = await A.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            adminId = db.Users.Single(u => u.Email == StaffSite.AdminEmail).Id;
        }

        await A.Services.GetRequiredService<Interview.Web.Portal.PortalSettings>().SaveAsync(
            new Interview.Web.Staff.StaffActor(adminId, StaffSite.AdminEmail, "127.0.0.1"),
            new Dictionary<string, string?> { ["Operator"] = "Information Centre" });

        // B read the settings before the save and keeps them until told: only the message makes it read again.
        await TwoInstances.EventuallyAsync(async () => (await settingsB.CurrentAsync()).Operator == "Information Centre", "B to show the new operator");
    }

    [Fact]
    public async Task AStaffTokenIssuedByOneInstanceIsAcceptedByTheOtherWithTheKeyRingInTheDatabase()
    {
        var token = await A.TokenAsync();
        using var onB = B.Client(token);

        var response = await onB.GetAsync("/api/v1/wordlists");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The ring is where every machine can read it, not in this test's shared folder.
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        // One key for both: the first instance made it at start, the second found it.
        Assert.Single(await db.Set<StoredKey>().ToListAsync());
        Assert.Single(await db.Set<SharedSecret>().Where(s => s.Name == "data-protection-first-key").ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(A.Services.GetRequiredService<Interview.Web.Media.ImageStore>().Root, "..", "keys")));
    }

    [Fact]
    public async Task AFormTokenFromOneInstanceIsAcceptedByTheOtherAndItsSignInCookieWorksBack()
    {
        using var onA = A.CreateDefaultClient(new ClientAddress("10.63.0.1"));
        using var onB = B.CreateDefaultClient(new ClientAddress("10.63.0.1"));
        var form = await onA.GetAsync("/account/sign-in");
        var token = StaffSite.AntiforgeryToken(await form.Content.ReadAsStringAsync());

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = StaffSite.AdminEmail,
                ["Input.Password"] = StaffSite.Password,
            }),
        };
        post.Headers.Add("Cookie", CookiesOf(form));
        var signedIn = await onB.SendAsync(post);
        using var console = new HttpRequestMessage(HttpMethod.Get, "/admin");
        console.Headers.Add("Cookie", CookiesOf(signedIn));
        var onConsole = await onA.SendAsync(console);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("interview.staff=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, onConsole.StatusCode);

        static string CookiesOf(HttpResponseMessage response) =>
            string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    [Fact]
    public async Task ClientsAreKeyedAlikeOnEveryInstanceSoBlocksAndLimitsMatch()
    {
        var (keysA, keysB) = (A.Services.GetRequiredService<ClientKeys>(), B.Services.GetRequiredService<ClientKeys>());

        Assert.Equal(keysA.For("10.64.0.1"), keysB.For("10.64.0.1"));
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.Set<SharedSecret>().Where(s => s.Name == DataFolder.ClientKeysSecret).ToListAsync());
    }

    [Fact]
    public async Task AnImageUploadedOnOneInstanceIsServedByTheOtherWithItsTypeAndCacheLife()
    {
        var url = await A.Services.GetRequiredService<Interview.Web.Media.ImageStore>().SaveAsync(new MemoryStream(TestImages.Png(transparent: true)), "guests");
        using var onB = B.CreateClient();

        var image = await onB.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", image.Headers.CacheControl?.ToString());
        Assert.Equal("png", Interview.Web.Media.ImageStore.Sniff(await image.Content.ReadAsByteArrayAsync()));
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await onB.SendAsync(revalidate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync("/media/guests/00000000000000000000000000000000.png")).StatusCode);
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, int id, string text) =>
        client.PostAsJsonAsync($"/api/v1/interviews/{id}/questions", new { nickname = "网友", text });

    private static int[] Seqs(LiveClient viewer) => [.. viewer.Entries.Select(e => e.GetProperty("seq").GetInt32())];

    private static EntryView Entry(int id, int seq) =>
        new(id, seq, EntryKind.Host, "主持人", $"<p>第{seq}条</p>", $"第{seq}条", Builders.Now, null, null, []);
}
