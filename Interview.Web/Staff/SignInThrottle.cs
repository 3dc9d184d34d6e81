using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Interview.Web.Staff;

/// <summary>Too many failed sign-ins came from this client address: try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManySignInsException(TimeSpan retryAfter)
    : Domain.DomainException(Text.SiteErrorCodes.TooManySignIns, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes)))
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Failed sign-ins counted by client address, never by account alone, so a stranger guessing passwords from one
/// address cannot lock out the real person working from another. Two counters, each a window that starts at the first
/// failure: an address may fail <see cref="SecurityOptions.SignInFailuresPerAccount"/> times for one account and
/// <see cref="SecurityOptions.SignInFailuresPerAddress"/> times in all; past either it is refused (429) until the
/// window ends, before its password is even checked. The same counters cap what failures write to the audit log.
/// In memory: an instance restart forgets them, which costs an attacker nothing they could not get by waiting.
/// </summary>
public sealed class SignInThrottle(IOptions<InterviewOptions> options, TimeProvider clock)
{
    /// <summary>Failed attempts per address and window that get an audit line each; later ones are counted, not written.</summary>
    public const int AuditedFailuresPerWindow = 10;

    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastPrune;

    private TimeSpan Length => TimeSpan.FromMinutes(Math.Max(1, options.Value.Security.SignInThrottleMinutes));

    /// <summary>
    /// Starts an attempt: null when <paramref name="address"/> may try <paramref name="account"/> now, else how long it
    /// must wait. An allowed attempt counts as a failure at once and is given back by <see cref="Succeed"/>: counting
    /// only after the password check would let a burst of parallel requests all pass the check before any was counted.
    /// </summary>
    public TimeSpan? Begin(IPAddress? address, string account)
    {
        var now = clock.GetUtcNow();
        var security = options.Value.Security;
        string addressKey = AddressKey(address), pairKey = PairKey(address, account);
        lock (_lock)
        {
            var wait = new[]
            {
                Wait(addressKey, Math.Max(1, security.SignInFailuresPerAddress), now),
                Wait(pairKey, Math.Max(1, security.SignInFailuresPerAccount), now),
            }.Max();
            if (wait is null)
            {
                Prune(now);
                Open(addressKey, now).Count++;
                Open(pairKey, now).Count++;
            }
            return wait;
        }
    }

    /// <summary>The attempt begun failed (it is already counted); says whether to write it to the audit log.</summary>
    public AuditDecision Fail(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var failures = ++Open(AddressKey(address), now).Audited;
            return failures <= AuditedFailuresPerWindow ? AuditDecision.Write
                : failures == AuditedFailuresPerWindow + 1 ? AuditDecision.WriteLastOfWindow
                : AuditDecision.Skip;
        }
    }

    /// <summary>A refused (throttled) attempt: written once per address and window, the rest only counted.</summary>
    public bool AuditRefusal(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var window = Current(AddressKey(address), now);
            if (window is null || window.RefusalAudited)
            {
                return false;
            }
            window.RefusalAudited = true;
            return true;
        }
    }

    /// <summary>
    /// The attempt begun had the right password: it is not a failure. This address's count for the account starts
    /// again; its count in all only gives this attempt back.
    /// </summary>
    public void Succeed(IPAddress? address, string account)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            _windows.Remove(PairKey(address, account));
            if (Current(AddressKey(address), now) is { Count: > 0 } window)
            {
                window.Count--;
            }
        }
    }

    /// <summary>
    /// The address as counted: IPv6 clients by their /64 network, since one home or office line holds a whole /64 and
    /// could otherwise try from a new address every time.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string PairKey(IPAddress? address, string account) =>
        AddressKey(address) + "\n" + Normalize(account);

    /// <summary>The account as typed, case-folded and cut to the longest e-mail an account can have.</summary>
    private static string Normalize(string account)
    {
        var trimmed = account.Trim();
        return (trimmed.Length > 256 ? trimmed[..256] : trimmed).ToUpperInvariant();
    }

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now) =>
        Current(key, now) is { } window && window.Count >= limit ? window.Start + Length - now : null;

    private Window Open(string key, DateTimeOffset now)
    {
        if (Current(key, now) is not { } window)
        {
            _windows[key] = window = new Window(now);
        }
        return window;
    }

    private Window? Current(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && window.Start + Length > now ? window : null;

    private void Prune(DateTimeOffset now)
    {
        // Past the size, at most once a minute: many live windows (a spread-out attack) must not make every attempt a scan.
        if (_windows.Count < PruneAbove || now - _lastPrune < TimeSpan.FromMinutes(1))
        {
            return;
        }
        _lastPrune = now;
        foreach (var key in _windows.Where(w => w.Value.Start + Length <= now).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        /// <summary>Attempts that failed or are still being checked.</summary>
        public int Count { get; set; }
        /// <summary>Failures seen for the audit cap (an address window only).</summary>
        public int Audited { get; set; }
        public bool RefusalAudited { get; set; }
    }
}

public enum AuditDecision
{
    Write,
    /// <summary>Write, and say that further failures from the address in this window are not written.</summary>
    WriteLastOfWindow,
    Skip,
}
