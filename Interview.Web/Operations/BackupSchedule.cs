using System.Globalization;
using Microsoft.Extensions.Options;

namespace Interview.Web.Operations;

/// <summary>
/// Automatic backups (时时自动备份): every <c>Interview:Backup:IntervalMinutes</c> (0 turns them off) an archive into
/// <c>{DataDirectory}/backups</c>, named by its UTC time so that names sort by age, keeping the newest
/// <c>Interview:Backup:Keep</c>. The same <see cref="BackupArchive"/> as the <c>backup</c> command.
/// </summary>
public sealed class BackupSchedule(
    BackupArchive archive,
    IOptions<InterviewOptions> options,
    TimeProvider clock,
    ILogger<BackupSchedule> logger) : BackgroundService
{
    private const string Prefix = "interview-";
    private const string Suffix = ".tar.gz";
    private const double MaxIntervalMinutes = 7 * 24 * 60;

    public string Folder => Path.Combine(archive.DataDirectory, DataFolder.Backups);

    /// <summary>Writes one backup now, then deletes the oldest beyond the number kept.</summary>
    public async Task<BackupResult> BackUpAsync(CancellationToken cancellationToken = default)
    {
        OwnerOnly.Folder(Folder);
        var name = Prefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'-'HHmmss'-'fff'Z'", CultureInfo.InvariantCulture) + Suffix;
        var result = await archive.WriteAsync(Path.Combine(Folder, name), cancellationToken);
        foreach (var old in Directory.EnumerateFiles(Folder, Prefix + "*" + Suffix).OrderDescending(StringComparer.Ordinal)
                     .Skip(Math.Max(1, options.Value.Backup.Keep)))
        {
            File.Delete(old);
        }
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Backup.IntervalMinutes;
        if (!(interval > 0))
        {
            return;
        }
        if (options.Value.Database.IsPostgres)
        {
            // The archive copies the SQLite file; PostgreSQL is backed up with pg_dump (README "Backups").
            logger.LogInformation("Automatic backups are off: the database is PostgreSQL, back it up with pg_dump.");
            return;
        }
        if (Directory.Exists(Folder))
        {
            // What a backup interrupted by a crash left behind.
            foreach (var partial in Directory.EnumerateFiles(Folder, ".*.partial*"))
            {
                File.Delete(partial);
            }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Min(interval, MaxIntervalMinutes)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var result = await BackUpAsync(stoppingToken);
                logger.LogInformation("Backup written: {File}, {Bytes} bytes in {Seconds:0.0} s.", result.File, result.Bytes, result.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Automatic backup failed; the next one is due in {Minutes} minutes.", interval);
            }
        }
    }
}
