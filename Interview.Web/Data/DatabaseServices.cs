using Interview.Web.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Interview.Web.Data;

public static class DatabaseServices
{
    /// <summary>
    /// The database: the context factory every service takes contexts from, and its initializer. Interceptors that
    /// the container holds (<see cref="IInterceptor"/>) join every context the factory makes.
    /// </summary>
    public static IServiceCollection AddInterviewDatabase(this IServiceCollection services, string dataDirectory)
    {
        services.AddDbContextFactory<InterviewDbContext>((sp, db) => db
            // Sessions load their guests and assignments together; both are a handful of rows.
            .UseSqlite(Hosting.InterviewServices.ConnectionString(dataDirectory),
                sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(sp.GetServices<IInterceptor>())
            // A lost race for the next seq is retried by the publisher; it is not an error worth logging as one.
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<WriteGate>();
        services.AddWritePath();
        return services;
    }
}
