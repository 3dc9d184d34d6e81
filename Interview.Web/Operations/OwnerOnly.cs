namespace Interview.Web.Operations;

/// <summary>
/// The instance's files are readable by its own account only (0600, folders 0700): the database holds citizens'
/// phone numbers, the secret and the key ring let anyone who reads them forge sign-ins and undo the address hashing.
/// SQLite gives its -wal and -shm files the mode of the database file, so creating that file first is enough for all
/// three. Files that exist from before are tightened at start. Nothing to do on Windows, where ACLs apply.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) owner-only, or makes an existing one so.</summary>
    public static void Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Makes an existing file owner-only; a missing one is left missing.</summary>
    public static void Restrict(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }

    /// <summary>Options for writing a new file that is owner-only from its first byte.</summary>
    public static FileStreamOptions NewFile(System.IO.FileMode mode = System.IO.FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return options;
    }

    /// <summary>
    /// At start: the data folder owner-only, the database file created owner-only before SQLite first opens it, and
    /// what an earlier version left readable tightened.
    /// </summary>
    public static void SecureDataFolder(string dataDirectory)
    {
        Folder(dataDirectory);
        var database = Path.Combine(dataDirectory, DataFolder.Database);
        if (!File.Exists(database))
        {
            try
            {
                new FileStream(database, NewFile()).Dispose();
            }
            catch (IOException) when (File.Exists(database))
            {
                // Another instance on the same folder created it first.
            }
        }
        foreach (var file in new[] { database, database + "-wal", database + "-shm", Path.Combine(dataDirectory, DataFolder.ClientKeysSecret) })
        {
            Restrict(file);
        }
        foreach (var folder in new[] { DataFolder.Keys, DataFolder.Backups }.Select(f => Path.Combine(dataDirectory, f)).Where(Directory.Exists))
        {
            Folder(folder);
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                Restrict(file);
            }
        }
    }
}
