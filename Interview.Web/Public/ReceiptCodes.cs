using System.Security.Cryptography;

namespace Interview.Web.Public;

/// <summary>The receipt codes (回执) citizens read their question or report back by: one generator for both.</summary>
public static class ReceiptCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>12 characters without look-alikes (0/O, 1/I/L): about 59 bits, not guessable, easy to read out.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);

    /// <summary>A code as typed (any case, spaces around) in the stored form, or null for what cannot be one.</summary>
    public static string? Normalize(string? typed) =>
        string.IsNullOrWhiteSpace(typed) || typed.Length > 32 ? null : typed.Trim().ToUpperInvariant();
}
