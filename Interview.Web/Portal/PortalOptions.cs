namespace Interview.Web;

/// <summary>
/// <c>Interview:Portal</c>: what every public page's footer shows (the identification a government site must carry) and
/// the participation rules (留言规则) beside the question form. Empty means "not shown". Admins override each value on
/// /admin/settings (Portal/PortalSettings); clearing a field there falls back to these.
/// </summary>
public sealed class PortalOptions
{
    public const int MaxTextLength = 200;
    public const int MaxUrlLength = 500;
    public const int MaxContactLength = 500;
    public const int MaxRulesLength = 10_000;

    /// <summary>主办单位.</summary>
    public string? Organizer { get; set; }

    /// <summary>承办单位.</summary>
    public string? Operator { get; set; }

    /// <summary>ICP备案号, linked to https://beian.miit.gov.cn/.</summary>
    public string? IcpRecord { get; set; }

    /// <summary>公安机关备案号, e.g. 京公网安备 11010502030143号.</summary>
    public string? PoliceRecord { get; set; }

    /// <summary>
    /// The police record's link; when empty it is built from the record's digits the customary way
    /// (http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=…).
    /// </summary>
    public string? PoliceRecordUrl { get; set; }

    /// <summary>网站标识码.</summary>
    public string? SiteCode { get; set; }

    /// <summary>我为政府网站找错: the national error-report page for this site.</summary>
    public string? ErrorReportUrl { get; set; }

    /// <summary>The 党政机关网站标识 image: an uploaded image (/media/…) or an http(s) address.</summary>
    public string? GovernmentMarkImage { get; set; }

    /// <summary>Where the 党政机关网站标识 links to (its registration page).</summary>
    public string? GovernmentMarkUrl { get; set; }

    /// <summary>Contact details (phone, e-mail, address), plain text.</summary>
    public string? Contact { get; set; }

    /// <summary>The participation rules (留言规则), Markdown. Empty: no rules shown and no agreement asked for.</summary>
    public string? Rules { get; set; }
}
