using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Interview.Domain.Audit;

/// <summary>
/// The audit log's hash chain: every line carries SHA-256 over the previous line's hash and its own canonical
/// content, so that changing, removing or inserting a line breaks the link at that line. The canonical form, for an
/// auditor who recomputes it with other tools: the previous hash as 64 lower-case hex characters, then the id (8 bytes, big-endian), the
/// time in UTC ticks (8 bytes, big-endian), and actor, action, target, outcome, address and details, each as a 4-byte
/// big-endian length and its UTF-8 bytes (an absent address has the length FFFFFFFF and no bytes).
/// </summary>
public static class AuditChain
{
    /// <summary>What the first line ever written chains from.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The action of the line retention writes when it removes old lines; it records where the chain resumes.</summary>
    public const string PurgeAction = "audit.purge";

    private const string PreviousMarker = "previous=";

    /// <summary>The hash of <paramref name="entry"/> following a line whose hash is <paramref name="previousHash"/> (hex).</summary>
    public static string Link(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        using var content = new MemoryStream();
        content.Write(Encoding.UTF8.GetBytes(previousHash));
        Span<byte> number = stackalloc byte[8];
        var length = number[..4];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Id);
        content.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.At.UtcTicks);
        content.Write(number);
        foreach (var field in new[] { entry.Actor, entry.Action, entry.Target, entry.Outcome, entry.IpAddress, entry.Details })
        {
            if (field is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
                content.Write(length);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            content.Write(length);
            content.Write(bytes);
        }
        return Convert.ToHexStringLower(SHA256.HashData(content.ToArray()));
    }

    /// <summary>The details of a purge line: how many lines went, where the kept ones start, and what the first kept chains from.</summary>
    public static string PurgeDetails(int removed, long firstKeptId, string previousHash) =>
        string.Create(CultureInfo.InvariantCulture, $"removed {removed} lines before #{firstKeptId}; {PreviousMarker}{previousHash}");

    /// <summary>The hash a purge line says the first kept line chains from, or null when the details are not a purge's.</summary>
    public static string? PurgeAnchor(string details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var at = details.LastIndexOf(PreviousMarker, StringComparison.Ordinal);
        return at < 0 ? null : details[(at + PreviousMarker.Length)..];
    }
}
