namespace Interview.Web.Questions.Sms;

/// <summary>
/// Sends a one-time code to a phone. Which one runs is configuration (<see cref="SmsOptions.Sender"/>); with none,
/// <see cref="PhoneVerification"/> says verification is unavailable.
/// </summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="code"/> to <paramref name="phone"/>, or throws <see cref="SmsNotSentException"/>.</summary>
    Task SendAsync(string phone, string code, CancellationToken cancellationToken);
}

/// <summary>The gateway did not take the message: the citizen is asked to try again later (HTTP 503).</summary>
public sealed class SmsNotSentException() : Domain.DomainException(Text.SiteErrorCodes.PhoneCodeNotSent);

/// <summary>Phone numbers as logs may show them: 138****1234, the middle digits never written.</summary>
public static class PhoneMask
{
    public static string Of(string phone) =>
        phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : "****";
}
