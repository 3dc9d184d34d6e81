using Microsoft.Extensions.Options;

namespace Interview.Web.Questions.Sms;

public static class SmsServices
{
    /// <summary>
    /// Phone verification and the configured sender: <c>http</c> the gateway, <c>log</c> the development sender (never in
    /// Production: <see cref="SmsOptionsValidator"/> stops the start), otherwise none (verifying columns take no question).
    /// </summary>
    public static IServiceCollection AddPhoneVerification(this IServiceCollection services, SmsOptions sms, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(sms);
        services.AddSingleton<IValidateOptions<InterviewOptions>, SmsOptionsValidator>();
        services.AddOptions<InterviewOptions>().ValidateOnStart();
        switch (sms.Chosen)
        {
            case SmsOptions.HttpSender:
                services.AddHttpClient<ISmsSender, HttpSmsGateway>(client => client.Timeout = Timeout.InfiniteTimeSpan);
                break;
            case SmsOptions.LogSender when !environment.IsProduction():
                services.AddSingleton<ISmsSender, LogSmsSender>();
                break;
        }
        services.AddSingleton<PhoneVerification>();
        return services;
    }
}
