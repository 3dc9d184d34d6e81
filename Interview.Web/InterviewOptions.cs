namespace Interview.Web;

/// <summary>The <c>Interview</c> section of configuration (CONTRACT.md lists the settings portals rely on).</summary>
public sealed class InterviewOptions
{
    public const string Section = "Interview";

    /// <summary>One folder with everything the instance owns: database, uploads, keys, backups.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Fill an empty database with demo columns and sessions.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>The site's name, shown in the page header and feeds.</summary>
    public string SiteName { get; set; } = "在线访谈";

    /// <summary>The site's name on English pages (Text/SiteCultures.SiteName picks by the request's culture).</summary>
    public string EnglishSiteName { get; set; } = "Online Interviews";

    /// <summary>The time zone that times are shown in (an IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// The public address of the site (e.g. https://ft.example.gov.cn) used for absolute links in feeds and the
    /// sitemap; when empty, the address of the request is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public SecurityOptions Security { get; set; } = new();

    public BootstrapOptions Bootstrap { get; set; } = new();

    public AuditOptions Audit { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public FollowUpOptions FollowUps { get; set; } = new();

    public BackupOptions Backup { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public CheckOptions Checks { get; set; } = new();
    /// <summary>The public pages' footer and the participation rules (Portal/PortalSettings: admins may override them).</summary>
    public PortalOptions Portal { get; set; } = new();

    /// <summary>SMS one-time codes for columns that verify askers' phones (Questions/Sms; README "Phone verification").</summary>
    public Questions.Sms.SmsOptions Sms { get; set; } = new();

    /// <summary>The data directory as an absolute path, relative paths taken from the content root.</summary>
    public string DataDirectoryPath(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));
}

public sealed class SecurityOptions
{
    /// <summary>Browser origins (a portal's pages) that may embed widgets and open the live hub.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Reverse proxies (addresses or CIDR) whose X-Forwarded-For/Proto/Host are honoured; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Staff must enrol TOTP before acting. Unset: true outside Development (set at start-up).</summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>Minutes without a request after which a staff sign-in expires.</summary>
    public int IdleSignOutMinutes { get; set; } = 30;

    /// <summary>How often running consoles re-check the account's roles and standing, in minutes (at most 5).</summary>
    public int RevalidationMinutes { get; set; } = 5;

    /// <summary>Failed sign-ins one client address may make for one account within the window before it gets 429.</summary>
    public int SignInFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins one client address may make in all (any accounts) within the window before it gets 429.</summary>
    public int SignInFailuresPerAddress { get; set; } = 20;

    /// <summary>The window of the two counts above, in minutes, from an address's first failure.</summary>
    public int SignInThrottleMinutes { get; set; } = 15;
}

public sealed class LimitOptions
{
    /// <summary>Questions one client (address) may send per minute before it is answered 429.</summary>
    public int QuestionsPerClientPerMinute { get; set; } = 5;

    /// <summary>Live hub connections one client (address) may hold at once; more are refused 429.</summary>
    public int HubConnectionsPerClient { get; set; } = 20;

    /// <summary>Seconds a live hub connection may stay silent (clients ping every 15 s) before the server closes it.</summary>
    public int HubClientTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds between the public event stream's keep-alive comments (one timer for every viewer).</summary>
    public int StreamKeepAliveSeconds { get; set; } = 15;
}

/// <summary>
/// Follow-ups (会后答复): questions left open at the end of a session are due this many working days later. Dates are
/// yyyy-MM-dd; <c>FollowUps/FollowUpOptionsValidator</c> refuses a malformed list at start-up.
/// </summary>
public sealed class FollowUpOptions
{
    public int WorkingDays { get; set; } = 5;

    /// <summary>Public holidays: days off that would otherwise be working days.</summary>
    public string[] Holidays { get; set; } = [];

    /// <summary>Saturdays and Sundays that are working days (调休).</summary>
    public string[] WorkingWeekends { get; set; } = [];
}

public sealed class AuditOptions
{
    /// <summary>Days the audit log is kept; at least 180 (6 months) whatever is configured.</summary>
    public int RetentionDays { get; set; } = 365;
}

/// <summary>The first admin, created at start when no staff account exists. Nothing is created unless both are set.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

/// <summary>Automatic backups into <c>{DataDirectory}/backups</c> (README "Backups").</summary>
public sealed class BackupOptions
{
    /// <summary>Minutes between automatic backups; 0 turns them off. Fractions are allowed (tests use seconds).</summary>
    public double IntervalMinutes { get; set; } = 60;

    /// <summary>Automatic backups kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 48;
}

/// <summary>Which database the site runs on (CONTRACT.md "Scale-out"); Data/DatabaseOptionsValidator checks it at start.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded, in the data folder) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The Npgsql connection string when the provider is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The inspection checks (检查指标) the admin home page and the follow-up board warn about.</summary>
public sealed class CheckOptions
{
    /// <summary>Days without a session going live after which a column counts as quiet (互动栏目长期未更新).</summary>
    public int QuietColumnDays { get; set; } = 90;
}
