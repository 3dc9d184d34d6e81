using Interview.Web.Api;
using Interview.Web.Archive;
using Interview.Web.Components;
using Interview.Web.Feeds;
using Interview.Web.Hosting;
using Interview.Web.Media;
using Interview.Web.Staff;

if (Interview.Web.Search.SearchCommand.Matches(args))
{
    // A maintenance command (README "Search"), not the site.
    Environment.ExitCode = await Interview.Web.Search.SearchCommand.RunAsync(args);
    return;
}

if (Interview.Web.Operations.OperationsCommand.Matches(args))
{
    // backup, restore, verify-audit (README "Backups"): maintenance commands, not the site.
    Environment.ExitCode = await Interview.Web.Operations.OperationsCommand.RunAsync(args, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddInterview();

var app = builder.Build();
await app.InitializeDatabaseAsync();

// First: everything after sees the client's address and scheme as a trusted proxy reports them (Hosting/ReverseProxy).
app.UseForwardedHeaders();
// The public event stream leaves the pipeline here, on a short branch of its own (Live/EventStream.UseEventStream),
// which records its own duration and log line.
Interview.Web.Live.EventStream.UseEventStream(app);
// Every request's duration and one log line (Hosting/InterviewMetricsRequests), after the client is known.
app.UseMiddleware<InterviewMetricsRequests>();
// The culture (Text/SiteCultures) before anything renders, error and status pages and problem+json included.
app.UseRequestLocalization(Interview.Web.Text.SiteCultures.LocalizationOptions());

// Errors never show a stack trace, not even in Development: the log has it. The API answers in problem+json.
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), site =>
{
    site.UseExceptionHandler("/error", createScopeForErrors: true);
    site.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
});
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<OriginGuard>();
app.UseResponseCompression();
app.UseMiddleware<Interview.Web.Live.HubConnectionGate>();

// Routing after the status code pages, so that a re-executed request (/not-found, /error) finds its endpoint.
app.UseRouting();
// Public pages, feeds and API answers: ETag, 304 and Cache-Control for the CDN or nginx in front (Hosting/EdgeCaching).
app.UseMiddleware<EdgeCaching>();
app.UseMiddleware<PagePosts>();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapInterviewHealth();
app.MapInterviewMetrics();
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapPublicApi();
app.MapStaffApi();
app.MapLiveApi();
app.MapQuestionApi();
app.MapReportApi();
app.MapFollowUpApi();
app.MapStatisticsApi();
app.MapWordListApi();
app.MapSearchApi();
app.MapHub<Interview.Web.Live.LiveHub>(Interview.Web.Live.LiveHub.Path).AllowAnonymous();
Interview.Web.Live.EventStream.MapEventStream(app);
app.MapFeeds();
app.MapImages();
app.MapArchiveDownloads();
app.MapAccountEndpoints();
Interview.Web.Accessibility.DisplayModeEndpoints.MapDisplayMode(app);
Interview.Web.Text.CultureSwitchEndpoints.MapCultureSwitch(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
// Anything else is a 404 for everyone (the status code page shows it), not a sign-in prompt.
app.MapFallback(http =>
{
    http.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
}).AllowAnonymous();

app.Logger.LogInformation("Data folder: {DataDirectory}",
    app.Services.GetInterviewOptions().DataDirectoryPath(app.Environment.ContentRootPath));
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
