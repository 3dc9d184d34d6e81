using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Operations;

/// <summary>
/// <c>backup FILE</c>, <c>restore FILE</c> and <c>verify-audit</c> (README "Backups"): maintenance commands run with
/// the site's own settings (e.g. <c>--Interview:DataDirectory=/srv/interview</c> after the command), not the site.
/// Exit codes: 0 done; 1 failed, refused, or (verify-audit) the chain is broken; 2 a wrong command line.
/// </summary>
public static class OperationsCommand
{
    public static bool Matches(string[] args) => args is ["backup" or "restore" or "verify-audit", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return args switch
            {
                ["backup", var file, .. var settings] when !file.StartsWith("--", StringComparison.Ordinal) =>
                    await BackupAsync(file, settings, output),
                ["restore", var file, .. var settings] when !file.StartsWith("--", StringComparison.Ordinal) =>
                    await RestoreAsync(file, settings, output),
                ["verify-audit", .. var settings] => await VerifyAuditAsync(settings, output, errors),
                _ => await UsageAsync(errors),
            };
        }
        catch (BackupException e)
        {
            await errors.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> BackupAsync(string file, string[] settings, TextWriter output)
    {
        RefuseOnPostgres(settings, "备份");
        var result = await new BackupArchive(DataDirectory(settings)).WriteAsync(file);
        await output.WriteLineAsync($"备份已写入 {result.File}：{result.Bytes:N0} 字节，{result.Files} 个文件，用时 {result.Elapsed.TotalSeconds:0.0} 秒。");
        return 0;
    }

    private static async Task<int> RestoreAsync(string file, string[] settings, TextWriter output)
    {
        RefuseOnPostgres(settings, "恢复");
        var archive = new BackupArchive(DataDirectory(settings));
        var result = await archive.RestoreAsync(file);
        await output.WriteLineAsync($"已从 {result.File} 恢复到 {archive.DataDirectory}：{result.Files} 个文件，数据库完整性检查 ok，用时 {result.Elapsed.TotalSeconds:0.0} 秒。");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(string[] settings, TextWriter output, TextWriter errors)
    {
        var directory = DataDirectory(settings);
        if (!Options(settings).Database.IsPostgres && !File.Exists(Path.Combine(directory, DataFolder.Database)))
        {
            await errors.WriteLineAsync($"数据目录 {directory} 中没有数据库。");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(settings);
        // The command's own lines are the report; the framework's informational logging would bury them.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddInterview();
        await using var app = builder.Build();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync())
        {
            // What the site does at start: the schema with the chain's column, and a log from before the chain chained.
            await db.Database.MigrateAsync();
            await AuditChainWriter.ChainUnchainedLogAsync(db, CancellationToken.None);
        }
        var result = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
        if (!result.Intact)
        {
            await errors.WriteLineAsync($"审计日志的哈希链在第 #{result.BrokenId} 条断开（之前 {result.Lines} 条完好）：{result.Problem}");
            return 1;
        }
        await output.WriteLineAsync(result.HeadId is null
            ? "审计日志为空。"
            : $"审计日志完整：{result.Lines} 条记录，最后一条 #{result.HeadId} 的哈希为 {result.HeadHash}（另行记下它，日后可证明此前的记录未被改动或截去）。");
        return 0;
    }

    private static string DataDirectory(string[] settings)
    {
        var builder = WebApplication.CreateBuilder(settings);
        var options = builder.Configuration.GetSection(InterviewOptions.Section).Get<InterviewOptions>() ?? new InterviewOptions();
        return options.DataDirectoryPath(builder.Environment.ContentRootPath);
    }

    private static InterviewOptions Options(string[] settings) =>
        WebApplication.CreateBuilder(settings).Configuration.GetSection(InterviewOptions.Section).Get<InterviewOptions>() ?? new InterviewOptions();

    /// <summary>
    /// The archive is the SQLite file's online copy plus the data folder; a PostgreSQL database is the server's to
    /// back up (README "Backups"), consistently and while the site runs, with the server's own tools.
    /// </summary>
    private static void RefuseOnPostgres(string[] settings, string what)
    {
        if (Options(settings).Database.IsPostgres)
        {
            throw new BackupException(
                $"数据库是 PostgreSQL（Interview:Database:Provider=postgres），此命令只{what} SQLite 数据目录。" +
                $"请用 PostgreSQL 的工具{what}数据库：pg_dump -Fc -f interview.dump <库名> / pg_restore -d <库名> interview.dump；" +
                "上传文件和密钥在数据目录中，另行复制。");
        }
    }

    private static async Task<int> UsageAsync(TextWriter errors)
    {
        await errors.WriteLineAsync("""
            用法：dotnet run --project Interview.Web -- <命令> [设置，如 --Interview:DataDirectory=路径]
              backup 文件        把数据库（在线一致副本）、密钥、client-keys.secret 和上传文件写成一个 .tar.gz
              restore 文件       把备份恢复到数据目录（目录必须为空）
              verify-audit       校验审计日志的哈希链
            """);
        return 2;
    }
}
