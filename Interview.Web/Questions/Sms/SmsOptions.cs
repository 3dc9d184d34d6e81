namespace Interview.Web.Questions.Sms;

/// <summary>
/// <c>Interview:Sms</c>: how one-time codes reach citizens' phones. No sender by default: a column that requires
/// verification then says verification is unavailable and takes no question. <see cref="SmsOptionsValidator"/> checks
/// these at start.
/// </summary>
public sealed class SmsOptions
{
    public const string LogSender = "log";
    public const string HttpSender = "http";

    /// <summary><c>http</c> (the gateway below), <c>log</c> (codes written to the log; never in Production), or empty.</summary>
    public string? Sender { get; set; }

    /// <summary>The gateway's address; it receives <c>POST {"phone": "...", "text": "..."}</c>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer KEY</c>. Kept in the environment or a secret store, never in the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds the gateway may take before the send counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Minutes a code stays valid.</summary>
    public int CodeMinutes { get; set; } = 5;

    /// <summary>Codes one number may be sent: one per <see cref="SecondsBetweenCodes"/> and this many per hour.</summary>
    public int CodesPerNumberPerHour { get; set; } = 5;

    public int SecondsBetweenCodes { get; set; } = 60;

    /// <summary>Codes one client (the question limiter's key) may ask for per hour, whatever the numbers.</summary>
    public int CodesPerClientPerHour { get; set; } = 10;

    /// <summary>The configured sender, lower-case; null when none.</summary>
    public string? Chosen => string.IsNullOrWhiteSpace(Sender) ? null : Sender.Trim().ToLowerInvariant();
}
