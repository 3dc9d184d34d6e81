using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Interview.Web.Admin;
using Interview.Web.Api;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.FollowUps;
using Interview.Web.Live;
using Interview.Web.Media;
using Interview.Web.Operations;
using Interview.Web.Staff;
using Interview.Web.Public;
using Interview.Web.Questions.Sms;
using Interview.Web.Text;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using MudBlazor.Services;

namespace Interview.Web.Hosting;

public static class InterviewServices
{
    /// <summary>Everything the site needs in its container: options, database, text, public reading, web plumbing.</summary>
    public static WebApplicationBuilder AddInterview(this WebApplicationBuilder builder)
    {
        // Run from a build (not a publish), the precompressed and fingerprinted assets live under obj/; the manifest
        // that maps them is read in every environment, not only Development. A published site has no such manifest
        // and serves its web root as it is.
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.AddOneLineConsole();
        // The hosting layer's own request lines ("Request starting/finished") are ours instead (InterviewMetricsRequests).
        // With its logger off it also keeps no Activity and no log scope per request, which each event-stream viewer
        // would otherwise hold for hours (Live/StreamServer).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(Web.InterviewOptions.Section);
        services.Configure<Web.InterviewOptions>(section);
        var options = section.Get<Web.InterviewOptions>() ?? new Web.InterviewOptions();
        var dataDirectory = options.DataDirectoryPath(builder.Environment.ContentRootPath);
        OwnerOnly.SecureDataFolder(dataDirectory);

        services.AddSingleton(TimeProvider.System);
        services.AddInterviewDatabase(dataDirectory, options.Database);
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<SiteTime>();
        services.AddSingleton<SameOrigin>();
        // Resources/<Area>.resx read through IStringLocalizer<Resources.<Area>> (no ResourcesPath: the type names the resource).
        services.AddLocalization();
        services.AddSingleton<PublicCatalog>();
        services.AddSingleton<PublicApiMapper>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<StaffPermissions>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffNames>();
        services.AddSingleton<ColumnAdmin>();
        services.AddSingleton<InterviewAdmin>();
        services.AddSingleton<Rehearsals>();
        services.AddSingleton<RehearsalCarry>();
        services.AddImages();
        services.AddSingleton<Archive.SnapshotWriter>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<AuditLines>();
        services.AddSingleton<AuditRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditRetention>());
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<Live.LiveNotifier>();
        services.AddSingleton<Events.IEventBus>(sp => sp.GetRequiredService<Live.LiveNotifier>());
        services.AddSingleton<Live.LivePublisher>();
        services.AddSingleton<Live.LiveDesk>();
        services.AddSingleton<Live.StudioScreens>();
        services.AddSingleton<Questions.QuestionIntake>();
        services.AddSingleton<Questions.Moderation>();
        // 投诉举报: citizens' reports and the admins' desk for them.
        services.AddSingleton<Reports.ReportIntake>();
        services.AddSingleton<Reports.ReportDesk>();
        services.AddFollowUps();
        services.AddSingleton<Statistics.AnnualStatistics>();
        services.AddSingleton<Statistics.InspectionChecks>();
        services.AddSingleton<Screening.WordListMatchers>();
        services.AddSingleton<Screening.QuestionScreening>();
        services.AddSingleton<Screening.WordListAdmin>();
        services.AddSingleton<Portal.PortalSettings>();
        services.AddSingleton<Questions.ModerationQueue>();
        services.AddSingleton<Search.SearchIndex>();
        services.AddSingleton<Search.SearchService>();
        services.AddQuestionLimits();
        services.AddPhoneVerification(options.Sms, builder.Environment);
        services.AddHostedService<Live.LiveHubRelay>();
        // The public event stream (Live/EventStream): its audiences hear every instance's events.
        services.AddEventStream();
        services.AddSignalR(o =>
            {
                // Clients only join and leave: tiny messages. Entries go the other way.
                o.MaximumReceiveMessageSize = 4 * 1024;
                o.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(o =>
            {
                // Hub messages are JSON read by script, never HTML: no need to escape <, > and & as \u003C (a live
                // entry's HTML would grow by a sixth for nothing).
                o.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
                o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            });
        services.AddStaffSecurity(builder.Environment, dataDirectory);
        services.AddOperations(dataDirectory);
        services.AddReverseProxy(options.Security.TrustedProxies);
        services.AddLiveHubLimits(options.Limits);
        services.AddHttpContextAccessor();
        // GET /healthz and GET /metrics (README "Operations").
        services.AddInterviewHealth();
        services.AddInterviewMetrics(builder.Configuration);

        // Chinese stays Chinese: in HTML and JSON alike, not &#x...; or \uXXXX.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddOpenApi("v1");
        // Every problem+json title in the request's culture (the detail is worded where the refusal is made).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = problem =>
            problem.ProblemDetails.Title = ErrorText.ProblemTitle(problem.ProblemDetails.Status ?? problem.HttpContext.Response.StatusCode)
                ?? problem.ProblemDetails.Title);
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        builder.AddRedisScaleOut();
        return builder;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, "interview.db"),
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static InterviewOptions GetInterviewOptions(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<Web.InterviewOptions>>().Value;
}
