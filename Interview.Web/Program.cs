using Interview.Web.Api;
using Interview.Web.Components;
using Interview.Web.Feeds;
using Interview.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInterview();

var app = builder.Build();
await app.InitializeDatabaseAsync();

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
// Routing after the status code pages, so that a re-executed request (/not-found, /error) finds its endpoint.
app.UseRouting();
app.UseMiddleware<SecurityHeaders>();
app.UseResponseCompression();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapPublicApi();
app.MapFeeds();
app.MapRazorComponents<App>();

app.Logger.LogInformation("Data folder: {DataDirectory}",
    app.Services.GetInterviewOptions().DataDirectoryPath(app.Environment.ContentRootPath));
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
