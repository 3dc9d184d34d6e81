using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Interview.Web.Operations;

public sealed record BackupResult(string File, long Bytes, int Files, TimeSpan Elapsed);

/// <summary>A backup or restore that could not be done; the message says why, in words for the operator.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One archive (.tar.gz) of what the instance owns, and its restore: the one mechanism behind the <c>backup</c> and
/// <c>restore</c> commands and the automatic backups (<see cref="BackupSchedule"/>). The database is copied with
/// SQLite's online backup API, which reads one consistent snapshot while the site goes on writing (WAL lets readers
/// and the writer proceed together); copying the live file could catch a half-written page or miss what is still in
/// the -wal file. The files come after the snapshot, so every upload the copied database names is already whole.
/// </summary>
public sealed class BackupArchive(string dataDirectory)
{
    private const string Manifest = "backup.json";
    private const int Format = 1;

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>Writes the archive to <paramref name="file"/>: to a temporary name first, renamed once complete.</summary>
    public async Task<BackupResult> WriteAsync(string file, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var database = Path.Combine(DataDirectory, DataFolder.Database);
        if (!File.Exists(database) || new FileInfo(database).Length == 0)
        {
            throw new BackupException($"数据目录 {DataDirectory} 中没有数据库，没有可备份的内容。");
        }
        var target = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        var snapshot = partial + ".db";
        try
        {
            await Task.Run(() => CopyDatabase(database, snapshot), cancellationToken);
            var files = 0;
            await using (var stream = new FileStream(partial, OwnerOnly.NewFile()))
            {
                await using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
                await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
                {
                    await WriteManifestAsync(tar, cancellationToken);
                    await tar.WriteEntryAsync(snapshot, DataFolder.Database, cancellationToken);
                    foreach (var (path, name) in OwnedFiles())
                    {
                        try
                        {
                            await tar.WriteEntryAsync(path, name, cancellationToken);
                            files++;
                        }
                        catch (FileNotFoundException)
                        {
                            // Deleted since the folder was listed (a replaced photo, a key file's temporary name).
                        }
                    }
                }
                // On disk before the rename, so that a crash never leaves a complete-looking name on a partial file.
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, target, overwrite: true);
            return new BackupResult(target, new FileInfo(target).Length, files + 1, started.Elapsed);
        }
        finally
        {
            File.Delete(snapshot);
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Restores <paramref name="file"/> into the data folder, which must be empty or missing: a restore never mixes
    /// two instances' files. When the folder is not empty nothing is changed; when the archive turns out to be bad,
    /// what was written is removed again. The restored database must pass <c>PRAGMA integrity_check</c>.
    /// </summary>
    public async Task<BackupResult> RestoreAsync(string file, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new BackupException($"找不到备份文件 {source}。");
        }
        var existed = Directory.Exists(DataDirectory);
        if (existed && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new BackupException($"数据目录 {DataDirectory} 不是空的：恢复只写入空目录，什么也没有改动。请指定一个空目录（Interview__DataDirectory）。");
        }
        OwnerOnly.Folder(DataDirectory);
        try
        {
            var files = await ExtractAsync(source, cancellationToken);
            await Task.Run(() => CheckDatabase(Path.Combine(DataDirectory, DataFolder.Database)), cancellationToken);
            return new BackupResult(source, new FileInfo(source).Length, files, started.Elapsed);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            foreach (var entry in new DirectoryInfo(DataDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            if (!existed)
            {
                Directory.Delete(DataDirectory);
            }
            throw;
        }
    }

    private static void CopyDatabase(string database, string snapshot)
    {
        new FileStream(snapshot, OwnerOnly.NewFile()).Dispose();
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString());
        from.Open();
        to.Open();
        // The snapshot is taken by a read transaction opened first: a statement waits out a moment when the site's
        // writer holds the WAL (busy timeout), where the backup step alone would fail at once with "database is locked".
        using (var read = from.BeginTransaction(deferred: true))
        {
            using var start = from.CreateCommand();
            start.Transaction = read;
            start.CommandText = "SELECT count(*) FROM sqlite_schema;";
            start.ExecuteScalar();
            from.BackupDatabase(to);
        }
        // One self-contained file in the archive: no -wal beside it.
        using var command = to.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteNonQuery();
    }

    private static void CheckDatabase(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        if (command.ExecuteScalar() as string is not "ok" and var result)
        {
            throw new BackupException($"备份中的数据库未通过完整性检查：{result}");
        }
    }

    /// <summary>The secret, the key ring and the uploads, with their names in the archive.</summary>
    private IEnumerable<(string Path, string Name)> OwnedFiles()
    {
        var secret = Path.Combine(DataDirectory, DataFolder.ClientKeysSecret);
        if (File.Exists(secret))
        {
            yield return (secret, DataFolder.ClientKeysSecret);
        }
        foreach (var folder in new[] { DataFolder.Keys, DataFolder.Uploads })
        {
            var root = Path.Combine(DataDirectory, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                yield return (path, Path.GetRelativePath(DataDirectory, path).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
    }

    private static async Task WriteManifestAsync(TarWriter tar, CancellationToken cancellationToken)
    {
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new { format = Format, createdAt = DateTimeOffset.UtcNow });
        var entry = new PaxTarEntry(TarEntryType.RegularFile, Manifest) { Mode = OwnerOnly.FileMode, DataStream = new MemoryStream(manifest) };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private async Task<int> ExtractAsync(string source, CancellationToken cancellationToken)
    {
        var root = DataDirectory + Path.DirectorySeparatorChar;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using (var stream = File.OpenRead(source))
        await using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            try
            {
                while (await tar.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
                {
                    if (entry.EntryType is TarEntryType.Directory)
                    {
                        continue;
                    }
                    var path = Path.GetFullPath(Path.Combine(DataDirectory, entry.Name));
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !path.StartsWith(root, StringComparison.Ordinal))
                    {
                        throw new BackupException($"备份文件中有不该有的条目：{entry.Name}");
                    }
                    if (entry.Name == Manifest)
                    {
                        await ReadManifestAsync(entry, cancellationToken);
                        names.Add(Manifest);
                        continue;
                    }
                    OwnerOnly.Folder(Path.GetDirectoryName(path)!);
                    await using var output = new FileStream(path, OwnerOnly.NewFile());
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(output, cancellationToken);
                    }
                    output.Flush(flushToDisk: true);
                    names.Add(entry.Name);
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or JsonException)
            {
                throw new BackupException($"{source} 不是完整的备份文件（.tar.gz）：{e.Message}", e);
            }
        }
        if (!names.Contains(Manifest) || !names.Contains(DataFolder.Database))
        {
            throw new BackupException($"{source} 不是本系统的备份文件：缺少 {Manifest} 或 {DataFolder.Database}。");
        }
        return names.Count - 1;
    }

    private static async Task ReadManifestAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        using var json = await JsonDocument.ParseAsync(entry.DataStream ?? Stream.Null, cancellationToken: cancellationToken);
        if (!json.RootElement.TryGetProperty("format", out var format) || format.GetInt32() != Format)
        {
            throw new BackupException($"备份文件的格式（{format}）不是本版本能恢复的（{Format}）。");
        }
    }
}
