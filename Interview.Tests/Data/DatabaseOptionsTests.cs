using Interview.Web;
using Interview.Web.Data;

namespace Interview.Tests.Data;

public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData("postgres", null, "Interview:Database:ConnectionString is required")]
    [InlineData("postgres", "Host=db;Port=5433", "names no database")]
    [InlineData("postgres", "Hots=db;Database=interview", "not a valid Npgsql connection string")]
    [InlineData("mysql", null, "Interview:Database:Provider must be 'sqlite' or 'postgres' (it is 'mysql')")]
    public void ASiteThatCannotReachItsDatabaseRefusesToStartSayingWhichSettingToFix(string provider, string? connectionString, string message)
    {
        var options = new InterviewOptions { Database = new DatabaseOptions { Provider = provider, ConnectionString = connectionString } };

        var result = new DatabaseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", null)]
    [InlineData("SQLite", null)]
    [InlineData("postgres", "Host=127.0.0.1;Port=5433;Database=interview;Username=interview")]
    public void TheEmbeddedDefaultAndACompletePostgresSettingStart(string provider, string? connectionString)
    {
        var options = new InterviewOptions { Database = new DatabaseOptions { Provider = provider, ConnectionString = connectionString } };

        Assert.True(new DatabaseOptionsValidator().Validate(null, options).Succeeded);
    }
}
