using Interview.Web.Operations;

namespace Interview.Tests.Operations;

/// <summary>The archive is SQLite's: on PostgreSQL the commands refuse and point at the server's own tools.</summary>
public sealed class BackupOnPostgresTests
{
    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task BackupAndRestoreOnPostgresRefuseAndNamePgDump(string command)
    {
        var folder = Path.Combine(Path.GetTempPath(), "interview-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await OperationsCommand.RunAsync(
            [command, Path.Combine(folder, "interview.tar.gz"), $"--Interview:DataDirectory={folder}",
             "--Interview:Database:Provider=postgres", "--Interview:Database:ConnectionString=Host=127.0.0.1;Database=interview"],
            output, errors);

        Assert.Equal(1, exit);
        Assert.Contains("pg_dump", errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "interview.tar.gz")));
    }
}
