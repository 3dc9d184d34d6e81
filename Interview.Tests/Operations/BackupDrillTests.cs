using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interview.Tests.Support;
using Interview.Web.Media;
using Interview.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Operations;

/// <summary>
/// The backup drill (README "Backups"): a site writes without pause, a backup is taken meanwhile with the command,
/// restored with the command into a new empty folder, and a second site started on it.
/// </summary>
public sealed class BackupDrillTests
{
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

    [Fact]
    public async Task ABackupTakenDuringWritesRestoresEveryAcknowledgedWriteAndTheKeysIntoANewSite()
    {
        var archive = Path.Combine(Path.GetTempPath(), "interview-tests", $"drill-{Guid.NewGuid():N}.tar.gz");
        using var site = new StaffSite();
        site.With("Interview:Limits:QuestionsPerClientPerMinute", "10000");
        var token = await site.TokenAsync();
        var liveId = await site.DemoInterviewIdAsync("live");
        // A guest photo: the uploads must come along too.
        var photo = await site.Services.GetRequiredService<ImageStore>().SaveAsync(
            new MemoryStream(Convert.FromBase64String(OnePixelPng)), "guests");
        var columns = new ConcurrentQueue<string>();
        var receipts = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writers = new[]
        {
            Task.Run(() => CreateColumnsAsync(site, token, columns, stop.Token)),
            Task.Run(() => AskQuestionsAsync(site, liveId, receipts, stop.Token)),
        };
        try
        {
            await WaitUntilAsync(() => columns.Count >= 10 && receipts.Count >= 10);

            // Everything acknowledged before the backup starts must be in it.
            string[] columnsBefore = [.. columns];
            string[] receiptsBefore = [.. receipts];
            var (backupExit, backupErrors) = await RunAsync("backup", archive, site.DataDirectory);
            Assert.True(backupExit == 0, backupErrors);

            // The writers went on through the backup and after it.
            var afterBackup = columns.Count + receipts.Count;
            await WaitUntilAsync(() => columns.Count + receipts.Count > afterBackup);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            using var restored = new StaffSite();
            var (restoreExit, restoreErrors) = await RunAsync("restore", archive, restored.DataDirectory);
            Assert.True(restoreExit == 0, restoreErrors);
            Assert.Equal("ok", IntegrityCheck(restored.DataDirectory));

            // The token was minted by the first site before the backup: the key ring came along.
            using var admin = restored.Client(token);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/audit.csv")).StatusCode);
            Assert.NotEmpty(await restored.TokenAsync());
            using var visitor = restored.CreateClient();
            var slugs = JsonDocument.Parse(await visitor.GetStringAsync("/api/v1/columns")).RootElement.GetProperty("items")
                .EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToHashSet();
            Assert.All(columnsBefore, slug => Assert.Contains(slug, slugs));
            foreach (var receipt in receiptsBefore)
            {
                Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/v1/receipts/{receipt}")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(photo)).StatusCode);
            // The same secret, so the address hashes behind limits and blocks are unchanged.
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(site.DataDirectory, DataFolder.ClientKeysSecret)),
                await File.ReadAllBytesAsync(Path.Combine(restored.DataDirectory, DataFolder.ClientKeysSecret)));
            Assert.Equal(0, (await RunAsync("verify-audit", null, restored.DataDirectory)).Exit);
        }
        finally
        {
            await stop.CancelAsync();
            File.Delete(archive);
        }
    }

    private static async Task CreateColumnsAsync(StaffSite site, string token, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        using var admin = site.Client(token);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var slug = $"drill-{n}";
            var response = await admin.PostAsJsonAsync("/api/v1/columns", new { name = $"演练栏目 {n}", slug }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            acknowledged.Enqueue(slug);
        }
    }

    private static async Task AskQuestionsAsync(StaffSite site, int interviewId, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        using var citizen = site.CreateClient();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var response = await citizen.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/questions",
                new { nickname = "市民", text = $"备份演练中的第 {n} 个问题：社保卡怎么补办？" }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            acknowledged.Enqueue(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!);
        }
    }

    internal static async Task<(int Exit, string Errors)> RunAsync(string command, string? file, string dataDirectory)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var setting = $"--Interview:DataDirectory={dataDirectory}";
        string[] args = file is null ? [command, setting] : [command, file, setting];
        var exit = await OperationsCommand.RunAsync(args, output, errors);
        return (exit, errors.ToString());
    }

    internal static string IntegrityCheck(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, DataFolder.Database)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
