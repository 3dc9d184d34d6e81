namespace Interview.Web.Portal;

/// <summary>
/// One portal setting saved by an admin on the settings page (table <c>PortalSettings</c>): it overrides the
/// configuration value of the same name (<see cref="PortalOptions"/>). No row means "as configured".
/// </summary>
public sealed class PortalSetting
{
    public const int MaxKeyLength = 64;

    /// <summary>The <see cref="PortalOptions"/> property name, e.g. <c>Organizer</c>.</summary>
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
