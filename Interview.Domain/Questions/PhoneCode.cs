using System.Security.Cryptography;
using System.Text;

namespace Interview.Domain.Questions;

/// <summary>What checking a one-time code against the latest one sent found.</summary>
public enum PhoneCodeCheck
{
    Accepted,
    Wrong,
    /// <summary>Expired, already used, or voided by too many wrong tries: a new one must be asked for.</summary>
    Spent,
}

/// <summary>
/// A one-time code sent by SMS to verify an asker's phone number (后台实名). Only keyed hashes are kept: of the number
/// (<see cref="PhoneKey"/>, so limits per number need no number in clear) and of the code (<see cref="CodeHash"/>). A
/// code lives a few minutes, allows <see cref="MaxWrongTries"/> wrong tries, and is spent by the one question it verifies.
/// </summary>
public sealed class PhoneCode
{
    public const int MaxWrongTries = 5;

    private PhoneCode()
    {
    }

    public long Id { get; private set; }
    public string PhoneKey { get; private set; } = "";
    /// <summary>The client that asked for it (the question limiter's key): the code works only for the same client.</summary>
    public string ClientKey { get; private set; } = "";
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public int WrongTries { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static PhoneCode Send(string phoneKey, string clientKey, string codeHash, DateTimeOffset now, TimeSpan lifetime)
    {
        // Keys and hashes come from the site's own hashing, never from a citizen: a missing one is a bug.
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeHash);
        return new() { PhoneKey = phoneKey, ClientKey = clientKey, CodeHash = codeHash, SentAt = now, ExpiresAt = now + lifetime };
    }

    public bool IsLive(DateTimeOffset now) => UsedAt is null && WrongTries < MaxWrongTries && now < ExpiresAt;

    /// <summary>Accepts the right code once (it is spent), counts a wrong one; the last allowed wrong try voids it.</summary>
    public PhoneCodeCheck Check(string codeHash, DateTimeOffset now)
    {
        if (!IsLive(now))
        {
            return PhoneCodeCheck.Spent;
        }
        // Compared in constant time: the hash is keyed, but the comparison should not say how much of it matched.
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(codeHash), Encoding.ASCII.GetBytes(CodeHash)))
        {
            UsedAt = now;
            return PhoneCodeCheck.Accepted;
        }
        WrongTries++;
        return WrongTries < MaxWrongTries ? PhoneCodeCheck.Wrong : PhoneCodeCheck.Spent;
    }
}
