namespace Interview.Web.Questions.Sms;

/// <summary>
/// Development only: writes the code to the log instead of sending it, so the flow can be tried without a gateway.
/// <see cref="SmsOptionsValidator"/> stops a Production site configured with it.
/// </summary>
public sealed partial class LogSmsSender(ILogger<LogSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string phone, string code, CancellationToken cancellationToken)
    {
        Written(logger, PhoneMask.Of(phone), code);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development SMS sender: one-time code for {Phone} is {Code} (not sent).")]
    private static partial void Written(ILogger logger, string phone, string code);
}
