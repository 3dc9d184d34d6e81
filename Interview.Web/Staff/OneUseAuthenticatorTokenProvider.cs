using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Interview.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Staff;

/// <summary>
/// Identity's authenticator (TOTP) check, with each code good for one use: the time step a code matched is stored
/// per account and key, and a code is accepted only for a later step. Identity's own provider accepts the same code
/// for as long as it is current (and 90 s either side), so a code seen over someone's shoulder, or sent twice, worked
/// again. The step is recorded with one conditional upsert, so two requests racing with the same code cannot both win.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(IDbContextFactory<InterviewDbContext> contexts, TimeProvider clock)
    : AuthenticatorTokenProvider<StaffUser>
{
    private const int StepSeconds = 30;
    /// <summary>Steps either side of now that still count, as in Identity: phones' clocks drift.</summary>
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var secret = Base32(key);
        if (secret is null)
        {
            return false;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(token)))
            {
                return await ClaimStepAsync(await manager.GetUserIdAsync(user), key, step);
            }
        }
        return false;
    }

    /// <summary>Records <paramref name="step"/> as used unless it, or a later one, already was.</summary>
    private async Task<bool> ClaimStepAsync(string userId, string key, long step)
    {
        // One row per key, so that a new key (two-factor reset, re-enrolment) starts afresh.
        var name = "TotpStep:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 8);
        var value = step.ToString(CultureInfo.InvariantCulture);
        await using var db = await contexts.CreateDbContextAsync();
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ({userId}, {"Interview"}, {name}, {value})
            ON CONFLICT ("UserId", "LoginProvider", "Name") DO UPDATE SET "Value" = excluded."Value"
            WHERE CAST("AspNetUserTokens"."Value" AS INTEGER) < CAST(excluded."Value" AS INTEGER)
            """);
        return changed == 1;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 defines TOTP over HMAC-SHA1, and authenticator apps compute it so.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var index = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
