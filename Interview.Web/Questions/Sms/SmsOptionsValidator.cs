using Microsoft.Extensions.Options;

namespace Interview.Web.Questions.Sms;

/// <summary>
/// Refuses to start with a sender that cannot work, and with the log sender in Production: there a code in the log
/// would let whoever reads the logs verify any number, so the site stops with the reason rather than quietly run
/// without verification or with codes in its logs.
/// </summary>
public sealed class SmsOptionsValidator(IHostEnvironment environment) : IValidateOptions<InterviewOptions>
{
    public ValidateOptionsResult Validate(string? name, InterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sms = options.Sms;
        var failures = new List<string>();
        switch (sms.Chosen)
        {
            case null:
                break;
            case SmsOptions.LogSender when environment.IsProduction():
                failures.Add("Interview:Sms:Sender 'log' writes one-time codes to the log and is refused in Production; use 'http' with a gateway.");
                break;
            case SmsOptions.LogSender:
                break;
            case SmsOptions.HttpSender:
                if (!Uri.TryCreate(sms.GatewayUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    failures.Add("Interview:Sms:GatewayUrl must be an absolute http(s) address when Interview:Sms:Sender is 'http'.");
                }
                if (string.IsNullOrWhiteSpace(sms.ApiKey))
                {
                    failures.Add("Interview:Sms:ApiKey is required when Interview:Sms:Sender is 'http'.");
                }
                break;
            default:
                failures.Add($"Interview:Sms:Sender must be 'http', 'log' or empty, not '{sms.Sender}'.");
                break;
        }
        if (sms.CodeMinutes is < 1 or > 60 || sms.TimeoutSeconds is < 1 or > 120 || sms.SecondsBetweenCodes < 0
            || sms.CodesPerNumberPerHour < 1 || sms.CodesPerClientPerHour < 1)
        {
            failures.Add("Interview:Sms: CodeMinutes 1–60, TimeoutSeconds 1–120, and positive limits.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
