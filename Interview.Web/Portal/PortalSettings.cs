using Interview.Domain.Staff;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Portal;

/// <summary>
/// The portal's chrome and participation rules in force: configuration (<see cref="PortalOptions"/>) overridden by what
/// admins saved (<see cref="PortalSetting"/> rows). Read on every public page, so kept in memory; a save here drops the
/// copy, and with several instances the save is passed on like a word-list save (Hosting/RedisWordLists) and the
/// others <see cref="Forget"/> theirs.
/// </summary>
public sealed class PortalSettings(
    IDbContextFactory<InterviewDbContext> contexts, IOptions<InterviewOptions> options, StaffPermissions permissions, AuditTrail audit,
    Media.ImageStore images)
{
    /// <summary>Each setting: its name (the <see cref="PortalOptions"/> property and table key), its kind and its limit.</summary>
    public static IReadOnlyList<PortalField> Fields { get; } =
    [
        new(nameof(PortalOptions.Organizer), PortalFieldKind.Text, PortalOptions.MaxTextLength),
        new(nameof(PortalOptions.Operator), PortalFieldKind.Text, PortalOptions.MaxTextLength),
        new(nameof(PortalOptions.IcpRecord), PortalFieldKind.Text, PortalOptions.MaxTextLength),
        new(nameof(PortalOptions.PoliceRecord), PortalFieldKind.Text, PortalOptions.MaxTextLength),
        new(nameof(PortalOptions.PoliceRecordUrl), PortalFieldKind.Url, PortalOptions.MaxUrlLength),
        new(nameof(PortalOptions.SiteCode), PortalFieldKind.Text, PortalOptions.MaxTextLength),
        new(nameof(PortalOptions.ErrorReportUrl), PortalFieldKind.Url, PortalOptions.MaxUrlLength),
        new(nameof(PortalOptions.GovernmentMarkImage), PortalFieldKind.Image, PortalOptions.MaxUrlLength),
        new(nameof(PortalOptions.GovernmentMarkUrl), PortalFieldKind.Url, PortalOptions.MaxUrlLength),
        new(nameof(PortalOptions.Contact), PortalFieldKind.MultiLine, PortalOptions.MaxContactLength),
        new(nameof(PortalOptions.Rules), PortalFieldKind.MultiLine, PortalOptions.MaxRulesLength),
    ];

    private volatile Task<PortalOptions>? _current;

    /// <summary>Raised after a save here (and its commit).</summary>
    public event Action? Saved;

    /// <summary>The values in force (configuration, overridden by saved ones).</summary>
    public Task<PortalOptions> CurrentAsync()
    {
        var current = _current;
        if (current is null || current.IsFaulted)
        {
            // Two requests racing here both read the table: harmless, and cheaper than a lock on every page.
            current = LoadAsync();
            _current = current;
        }
        return current;
    }

    /// <summary>What admins saved, by name (the settings page shows these; an absent name is "as configured").</summary>
    public async Task<IReadOnlyDictionary<string, string>> SavedAsync(StaffActor actor)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<PortalSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
    }

    /// <summary>The configured value of a setting (what a cleared field falls back to).</summary>
    public string? Configured(string name) => Read(options.Value, name);

    /// <summary>
    /// Saves the overrides: each named value replaces the saved one; empty (or whitespace) removes it, so the configured
    /// value applies again. Refused as a whole (<see cref="PortalSettingsRefusedException"/>, field by field) when a
    /// value is too long or a link is not an absolute http(s) address. Audited as <c>settings.update</c> with what changed.
    /// </summary>
    public async Task SaveAsync(StaffActor actor, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        var cleaned = values.ToDictionary(v => v.Key, v => Clean(v.Value));
        if (Check(cleaned) is { Count: > 0 } problems)
        {
            throw new PortalSettingsRefusedException(problems);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var saved = await db.Set<PortalSetting>().ToDictionaryAsync(s => s.Key);
        var previousMark = saved.GetValueOrDefault(nameof(PortalOptions.GovernmentMarkImage))?.Value;
        var changes = new List<string>();
        foreach (var (name, value) in cleaned)
        {
            saved.TryGetValue(name, out var row);
            if (row?.Value == value)
            {
                continue;
            }
            if (value is null)
            {
                db.Remove(row!);
                changes.Add($"{name} cleared");
            }
            else if (row is null)
            {
                db.Add(new PortalSetting { Key = name, Value = value });
                changes.Add($"{name} = \"{Brief(value)}\"");
            }
            else
            {
                row.Value = value;
                changes.Add($"{name} = \"{Brief(value)}\"");
            }
        }
        if (changes.Count == 0)
        {
            return;
        }
        audit.Add(db, actor, "settings.update", "settings/portal", string.Join("; ", changes));
        await db.SaveChangesAsync();
        Invalidate();
        // A replaced or cleared uploaded mark image is deleted once the change is saved (not ours: left alone).
        if (previousMark is not null && previousMark != cleaned.GetValueOrDefault(nameof(PortalOptions.GovernmentMarkImage), previousMark))
        {
            images.Delete(previousMark);
        }
    }

    /// <summary>
    /// Stores an uploaded 党政机关网站标识 image (decoded and re-encoded like every upload) and returns its /media address;
    /// it is in force once saved as <see cref="PortalOptions.GovernmentMarkImage"/>.
    /// </summary>
    public async Task<string> StoreMarkImageAsync(StaffActor actor, Stream image)
    {
        await permissions.EnsureAsync(actor, StaffCapability.Administer);
        return await images.SaveAsync(image, "portal");
    }

    /// <summary>Called after a save (committed): this instance re-reads, and the others are told.</summary>
    public void Invalidate()
    {
        Forget();
        Saved?.Invoke();
    }

    /// <summary>Drops the copy in memory without telling anyone: a setting was saved elsewhere.</summary>
    public void Forget() => _current = null;

    /// <summary>The field-by-field problems (error code and its arguments) of <paramref name="values"/>; empty when none.</summary>
    public static IReadOnlyDictionary<string, (string Code, object[] Arguments)> Check(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new Dictionary<string, (string, object[])>();
        foreach (var (name, value) in values)
        {
            var field = Fields.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"Not a portal setting: {name}", nameof(values));
            if (value is null)
            {
                continue;
            }
            if (value.Length > field.MaxLength)
            {
                problems[name] = (Text.SiteErrorCodes.PortalSettingTooLong, [field.MaxLength]);
            }
            else if (field.Kind == PortalFieldKind.Url && !IsWebAddress(value)
                || field.Kind == PortalFieldKind.Image && !IsWebAddress(value) && !value.StartsWith(Media.ImageStore.RequestPath + "/", StringComparison.Ordinal))
            {
                problems[name] = (Text.SiteErrorCodes.PortalSettingUrlInvalid, []);
            }
        }
        return problems;
    }

    /// <summary>The police record's link: the configured one, or built from the record's digits the customary way.</summary>
    public static string? PoliceRecordLink(PortalOptions portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        if (portal.PoliceRecordUrl is { Length: > 0 } url)
        {
            return url;
        }
        var digits = new string([.. (portal.PoliceRecord ?? "").Where(char.IsAsciiDigit)]);
        return digits.Length == 0 ? null : $"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}";
    }

    private async Task<PortalOptions> LoadAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var saved = await db.Set<PortalSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
        var configured = options.Value.Portal;
        var current = new PortalOptions();
        foreach (var property in typeof(PortalOptions).GetProperties())
        {
            var value = saved.TryGetValue(property.Name, out var own) ? own : Clean((string?)property.GetValue(configured));
            property.SetValue(current, value);
        }
        return current;
    }

    private static string? Read(InterviewOptions options, string name) =>
        Clean((string?)typeof(PortalOptions).GetProperty(name)?.GetValue(options.Portal));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static string Brief(string value) => value.Length <= 80 ? value.ReplaceLineEndings(" ") : value[..80].ReplaceLineEndings(" ") + "…";
}

public enum PortalFieldKind
{
    Text,
    MultiLine,
    Url,
    Image,
}

public sealed record PortalField(string Name, PortalFieldKind Kind, int MaxLength);

/// <summary>Settings not saved: each field's problem (an error code of Resources/Errors and its arguments).</summary>
public sealed class PortalSettingsRefusedException(IReadOnlyDictionary<string, (string Code, object[] Arguments)> problems)
    : Exception("Portal settings refused: " + string.Join(", ", problems.Keys))
{
    public IReadOnlyDictionary<string, (string Code, object[] Arguments)> Problems { get; } = problems;
}
