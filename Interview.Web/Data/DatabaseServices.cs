using Interview.Web.Events;
using Interview.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Interview.Web.Data;

public static class DatabaseServices
{
    /// <summary>
    /// The database: the context factory every service takes contexts from, and its initializer. Interceptors that
    /// the container holds (<see cref="IInterceptor"/>) join every context the factory makes. The provider is
    /// <c>Interview:Database</c>'s (SQLite in the data folder unless it says <c>postgres</c>).
    /// </summary>
    public static IServiceCollection AddInterviewDatabase(this IServiceCollection services, string dataDirectory, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddDbContextFactory<InterviewDbContext>((sp, db) => Configure(db, database, dataDirectory)
            .AddInterceptors(sp.GetServices<IInterceptor>())
            // A lost race for the next seq is retried by the publisher; it is not an error worth logging as one.
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        if (database.IsPostgres)
        {
            // Same options, the PostgreSQL context type: its own model conventions and migrations.
            services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<InterviewDbContext>, PostgresContextFactory>());
        }
        services.AddSingleton<IValidateOptions<InterviewOptions>, DatabaseOptionsValidator>();
        services.AddOptions<InterviewOptions>().ValidateOnStart();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton(new WriteGate(singleWriter: !database.IsPostgres));
        if (!database.IsPostgres)
        {
            // Commits that do not wait for the disk, and the WAL copied back beside the writers (SqliteCheckpoints).
            services.AddSingleton<IInterceptor, SqliteConnectionSettings>();
            services.AddHostedService(sp => new SqliteCheckpointer(
                Hosting.InterviewServices.ConnectionString(dataDirectory), sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
        }
        services.AddWritePath();
        return services;
    }

    /// <summary>The provider and its settings, shared by the site, the design-time factory and the tests.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions database, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        // Sessions load their guests and assignments together; both are a handful of rows.
        return database.IsPostgres
            ? builder.UseNpgsql(database.ConnectionString, pg => pg.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            : builder.UseSqlite(Hosting.InterviewServices.ConnectionString(dataDirectory),
                sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
    }

    private sealed class PostgresContextFactory(DbContextOptions<InterviewDbContext> options) : IDbContextFactory<InterviewDbContext>, IDisposable
    {
        // One audited save at a time from this process (PostgresInterviewDbContext says why).
        private readonly SemaphoreSlim _auditTurn = new(1, 1);

        public InterviewDbContext CreateDbContext() => new PostgresInterviewDbContext(options, _auditTurn);

        public void Dispose() => _auditTurn.Dispose();
    }
}
