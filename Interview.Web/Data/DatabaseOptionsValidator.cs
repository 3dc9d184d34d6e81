using Microsoft.Extensions.Options;
using Npgsql;

namespace Interview.Web.Data;

/// <summary>Refuses to start on a database block that cannot work, saying which setting to fix.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<InterviewOptions>
{
    private const string Prefix = $"{InterviewOptions.Section}:Database";

    public ValidateOptionsResult Validate(string? name, InterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = options.Database;
        if (!database.IsPostgres && !string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"{Prefix}:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}' (it is '{database.Provider}').");
        }
        if (!database.IsPostgres)
        {
            return ValidateOptionsResult.Success;
        }
        if (string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{Prefix}:ConnectionString is required when {Prefix}:Provider is '{DatabaseOptions.Postgres}' " +
                "(e.g. Host=db.example;Database=interview;Username=interview;Password=...).");
        }
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            return string.IsNullOrEmpty(parsed.Database)
                ? ValidateOptionsResult.Fail($"{Prefix}:ConnectionString names no database (Database=...).")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{Prefix}:ConnectionString is not a valid Npgsql connection string: {e.Message}");
        }
    }
}
