namespace Interview.Web.Operations;

/// <summary>
/// What lives in the data folder (<c>Interview:DataDirectory</c>), by name: what a backup takes and a restore puts back.
/// The services that own each part (the database, <c>Questions/ClientKeys</c>, the data-protection key ring in
/// <c>Staff/StaffSecurity</c>, <c>Media/ImageStore</c>) use the same names.
/// </summary>
public static class DataFolder
{
    public const string Database = "interview.db";
    public const string ClientKeysSecret = "client-keys.secret";
    public const string Keys = "keys";
    public const string Uploads = "uploads";
    public const string Backups = "backups";
}
