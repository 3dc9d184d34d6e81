using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Interview.Web.Events;

public static class WritePathServices
{
    /// <summary>
    /// The write path (<see cref="WritePath"/>) as an interceptor of every context the container makes, and its
    /// announcements. It reads the search index, the public catalog and the event bus from the container when it runs.
    /// </summary>
    public static IServiceCollection AddWritePath(this IServiceCollection services)
    {
        services.AddSingleton<IInterceptor, WritePath>();
        services.AddSingleton<Announcements>();
        services.TryAddSingleton<Hosting.InterviewMetrics>();
        return services;
    }
}
