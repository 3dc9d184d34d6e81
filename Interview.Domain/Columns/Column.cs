using System.Text.RegularExpressions;

namespace Interview.Domain.Columns;

/// <summary>A portal column (栏目) that sessions are published under, e.g. 「卫健在线」.</summary>
public sealed partial class Column
{
    public const int MaxNameLength = 50;
    public const int MaxSlugLength = 64;
    public const int MaxDescriptionLength = 500;

    private Column()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The column's address part: lower-case letters, digits and single hyphens.</summary>
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int SortOrder { get; private set; }
    /// <summary>
    /// 后台实名、前台自愿: questions in this column are taken only with a phone number verified by a one-time code; the
    /// public still sees only the nickname. Off unless an admin turns it on.
    /// </summary>
    public bool RequiresPhoneVerification { get; private set; }

    public static Column Create(string name, string slug, string? description = null, int sortOrder = 0)
    {
        var column = new Column { SortOrder = sortOrder };
        column.Rename(name, description);
        column.Slug = ValidSlug(slug);
        return column;
    }

    public void Rename(string name, string? description)
    {
        Name = Guard.Text(name, ErrorCodes.FieldColumnName, MaxNameLength);
        Description = Guard.OptionalText(description, ErrorCodes.FieldColumnDescription, MaxDescriptionLength);
    }

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    public void RequirePhoneVerification(bool required) => RequiresPhoneVerification = required;

    public static bool IsValidSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    private static string ValidSlug(string slug) =>
        IsValidSlug(slug)
            ? slug
            : throw new DomainException(ErrorCodes.ColumnSlugInvalid, slug, MaxSlugLength);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
