using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Interview.Web.Questions.Sms;

/// <summary>
/// Sends codes through an SMS gateway over HTTP: <c>POST {GatewayUrl}</c> with <c>{"phone": "13800138000", "text":
/// "..."}</c> and <c>Authorization: Bearer {ApiKey}</c>; any 2xx is taken as sent. Failures (an error status, a
/// timeout, no connection) are logged with the number masked and never with the code or the text.
/// </summary>
public sealed partial class HttpSmsGateway(HttpClient http, IOptions<InterviewOptions> options, ILogger<HttpSmsGateway> logger) : ISmsSender
{
    private readonly SmsOptions _sms = options.Value.Sms;

    public async Task SendAsync(string phone, string code, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sms.GatewayUrl)
        {
            // The text is the site's, in Chinese as the SMS signature rules expect; the code is the only variable part.
            Content = JsonContent.Create(new GatewayMessage(phone, $"您的验证码是{code}，{_sms.CodeMinutes}分钟内有效。请勿告诉他人。")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _sms.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_sms.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                Refused(logger, PhoneMask.Of(phone), (int)response.StatusCode);
                throw new SmsNotSentException();
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Unreachable(logger, PhoneMask.Of(phone), e.GetType().Name);
            throw new SmsNotSentException();
        }
    }

    private sealed record GatewayMessage(string Phone, string Text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS gateway refused the code for {Phone}: HTTP {Status}.")]
    private static partial void Refused(ILogger logger, string phone, int status);

    // The exception's type only: its message may quote the request.
    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS gateway unreachable for {Phone}: {Failure}.")]
    private static partial void Unreachable(ILogger logger, string phone, string failure);
}
