namespace Interview.Tests.Support.Servers;

/// <summary>Files of the repository the tests run from: the shipped deploy/ files, the built site.</summary>
public static class Repository
{
    /// <summary>The folder holding Interview.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Interview.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Interview.sln above {AppContext.BaseDirectory}.");
    }
}
