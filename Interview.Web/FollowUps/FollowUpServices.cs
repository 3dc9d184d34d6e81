using Microsoft.Extensions.Options;

namespace Interview.Web.FollowUps;

public static class FollowUpServices
{
    /// <summary>The follow-up calendar and board; a malformed holiday list stops the site at start-up, with the reason.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<InterviewOptions>, FollowUpOptionsValidator>();
        services.AddOptions<InterviewOptions>().ValidateOnStart();
        services.AddSingleton<FollowUpSchedule>();
        services.AddSingleton<FollowUpBoard>();
        return services;
    }
}
