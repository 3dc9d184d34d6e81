using System.Runtime.Versioning;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Operations;

public sealed class BackupTests : IAsyncLifetime
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Directory.CreateDirectory(_scratch);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task RestoreRefusesAFolderThatIsNotEmptyAndChangesNothing()
    {
        var archive = Path.Combine(_scratch, "backup.tar.gz");
        await new BackupArchive(_database.Directory).WriteAsync(archive);
        var target = Path.Combine(_scratch, "occupied");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "keep me");

        var (exit, errors) = await BackupDrillTests.RunAsync("restore", archive, target);

        Assert.Equal(1, exit);
        Assert.Contains("不是空的", errors, StringComparison.Ordinal);
        Assert.Equal([Path.Combine(target, "notes.txt")], Directory.GetFileSystemEntries(target));
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(target, "notes.txt")));
    }

    [Fact]
    public async Task AFileThatIsNotABackupIsRefusedAndLeavesNoFolderBehind()
    {
        var bogus = Path.Combine(_scratch, "bogus.tar.gz");
        await File.WriteAllTextAsync(bogus, "not an archive");
        var target = Path.Combine(_scratch, "fresh");

        var (exit, errors) = await BackupDrillTests.RunAsync("restore", bogus, target);

        Assert.Equal(1, exit);
        Assert.Contains("不是完整的备份文件", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task AutomaticBackupsKeepTheNewestOnes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var schedule = new BackupSchedule(new BackupArchive(_database.Directory),
            Options.Create(new InterviewOptions { Backup = new BackupOptions { Keep = 3 } }), clock, NullLogger<BackupSchedule>.Instance);

        for (var hour = 0; hour < 5; hour++)
        {
            await schedule.BackUpAsync();
            clock.Now = clock.Now.AddHours(1);
        }

        Assert.Equal(
            ["interview-20261201-100000-000Z.tar.gz", "interview-20261201-110000-000Z.tar.gz", "interview-20261201-120000-000Z.tar.gz"],
            Directory.GetFiles(schedule.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSiteBacksItselfUpOnItsInterval()
    {
        using var site = new InterviewFactory().With("Interview:Backup:IntervalMinutes", "0.01");
        using var client = site.CreateClient();
        var folder = site.Services.GetRequiredService<BackupSchedule>().Folder;

        await BackupDrillTests.WaitUntilAsync(() => Directory.Exists(folder) && Directory.GetFiles(folder, "interview-*.tar.gz").Length > 0);

        var restored = Path.Combine(_scratch, "restored");
        Assert.Equal(0, (await BackupDrillTests.RunAsync("restore", Directory.GetFiles(folder, "interview-*.tar.gz")[0], restored)).Exit);
        Assert.Equal("ok", BackupDrillTests.IntegrityCheck(restored));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseTheSecretTheKeysAndBackupsAreReadableByTheOwnerOnly()
    {
        using var site = new StaffSite();
        await site.TokenAsync();
        using (var citizen = site.CreateClient())
        {
            var live = await site.DemoInterviewIdAsync("live");
            await citizen.PostAsync($"/api/v1/interviews/{live}/questions",
                System.Net.Http.Json.JsonContent.Create(new { nickname = "市民", text = "这个问题让地址密钥生成出来。" }));
        }
        var backup = await site.Services.GetRequiredService<BackupSchedule>().BackUpAsync();
        var data = site.DataDirectory;
        var restored = Path.Combine(_scratch, "restored");
        await new BackupArchive(restored).RestoreAsync(backup.File);
        // SQLite keeps -wal and -shm only while a connection is open (the last one to close checkpoints and removes
        // them): hold one, as the running site does, so that they are there to be looked at.
        await using var open = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "interview.db")};Pooling=False");
        await open.OpenAsync();
        await using (var read = open.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
        }

        string[] files =
        [
            Path.Combine(data, "interview.db"), Path.Combine(data, "interview.db-wal"), Path.Combine(data, "interview.db-shm"),
            Path.Combine(data, "client-keys.secret"), backup.File,
            .. Directory.GetFiles(Path.Combine(data, "keys")),
            .. Directory.GetFiles(restored, "*", SearchOption.AllDirectories),
        ];
        string[] folders = [data, Path.Combine(data, "keys"), Path.Combine(data, "backups"), restored, Path.Combine(restored, "keys")];
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal((f, OwnerOnly.FileMode), (f, File.GetUnixFileMode(f))));
        Assert.All(folders, f => Assert.Equal((f, OwnerOnly.FolderMode), (f, File.GetUnixFileMode(f))));
    }
}
