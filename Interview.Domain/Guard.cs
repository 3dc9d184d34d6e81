namespace Interview.Domain;

internal static class Guard
{
    /// <summary>
    /// Cleans <paramref name="value"/> (<see cref="UnicodeText.Clean"/>: every text an entity keeps enters here) and
    /// checks it is present and at most <paramref name="max"/> characters.
    /// </summary>
    public static string Text(string? value, string field, int max)
    {
        var clean = UnicodeText.Clean(value);
        if (clean.Length == 0)
        {
            throw new DomainException(ErrorCodes.FieldRequired, new ErrorTerm(field));
        }
        if (clean.Length > max)
        {
            throw new DomainException(ErrorCodes.FieldTooLong, new ErrorTerm(field), max);
        }
        return clean;
    }

    /// <summary>Like <see cref="Text"/>, but an absent value is allowed and becomes an empty string.</summary>
    public static string OptionalText(string? value, string field, int max)
    {
        var clean = UnicodeText.Clean(value);
        if (clean.Length > max)
        {
            throw new DomainException(ErrorCodes.FieldTooLong, new ErrorTerm(field), max);
        }
        return clean;
    }
}
