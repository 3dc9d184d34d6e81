using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Media;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Interview.Tests.Components.Admin;

/// <summary>
/// A console page under test: MudBlazor as its own tests set it up, the real services over a migrated temporary
/// SQLite database, and a signed-in staff member (an admin unless the test signs in someone else).
/// </summary>
public abstract class AdminTestContext : BunitContext, IAsyncLifetime
{
    protected const string AdminId = "staff-admin";
    protected const string AdminEmail = "admin@example.gov.cn";
    /// <summary>The admin's display name (test accounts are named by their e-mail's local part).</summary>
    protected const string AdminName = "admin";

    private BunitAuthorizationContext? _auth;

    protected AdminTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // A wait ends as soon as its assertion holds; CI runs the suite on 2 busy cores, where bUnit's 1 s default
        // fails tests whose pages are right but slow to be scheduled.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
    }

    protected TestDatabase Database { get; private set; } = default!;

    /// <summary>The one clock every service reads; a test that needs a fixed "now" overrides it.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>The site's Interview:TimeZone; a test of another zone overrides it.</summary>
    protected virtual string TimeZone => new InterviewOptions().TimeZone;

    /// <summary>False for a test of the layout, which brings MudBlazor's providers itself.</summary>
    protected virtual bool RendersMudProviders => true;

    /// <summary>Where MudBlazor renders the open menus and select lists.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    /// <summary>Where MudBlazor dialogs render (outside the page under test).</summary>
    protected IRenderedComponent<MudDialogProvider> DialogHost { get; private set; } = default!;

    /// <summary>The admin as the services see them, for arranging data through the same rules as the pages.</summary>
    protected static StaffActor Admin { get; } = new(AdminId, AdminEmail, "127.0.0.1");

    async Task IAsyncLifetime.InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        AddServices(Services, Database, Clock, TimeZone);
        await using (var db = Database.CreateDbContext())
        {
            db.Roles.AddRange(StaffRoles.All.Select(r => new IdentityRole(r.Name()) { NormalizedName = r.Name().ToUpperInvariant() }));
            await db.SaveChangesAsync();
        }
        await AddStaffAsync(AdminId, AdminEmail, StaffRole.Admin);
        SignInAs(AdminId, AdminEmail, StaffRole.Admin);
        if (RendersMudProviders)
        {
            Popovers = Render<MudPopoverProvider>();
            DialogHost = Render<MudDialogProvider>();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Adds a staff account with its roles straight to the database.</summary>
    protected async Task AddStaffAsync(string id, string email, params StaffRole[] roles)
    {
        await using var db = Database.CreateDbContext();
        db.Users.Add(new StaffUser
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = email.Split('@')[0],
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        foreach (var role in roles)
        {
            var roleId = await db.Roles.Where(r => r.Name == role.Name()).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roleId });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Makes the rendered pages see this person signed in, as the cookie would carry them.</summary>
    protected void SignInAs(string id, string email, params StaffRole[] roles)
    {
        _auth ??= AddAuthorization();
        _auth.SetAuthorized(email);
        _auth.SetRoles([.. roles.Select(r => r.Name())]);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Email, email));
    }

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected IReadOnlyList<string> SnackbarMessages() =>
        [.. Service<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "")];

    private static void AddServices(IServiceCollection services, TestDatabase database, TimeProvider clock, string timeZone)
    {
        services.AddLogging();
        services.AddLocalization();
        services.AddSingleton(clock);
        // The site's own database registration: its contexts take the write path (search, audit chain, announcements).
        services.AddInterviewDatabase(database.Directory, new InterviewOptions().Database);
        // Identity's stores (behind StaffAccounts) take a context from the scope they run in.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContext());
        services.AddIdentityCore<StaffUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<InterviewDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton(Options.Create(new InterviewOptions { DataDirectory = database.Directory, TimeZone = timeZone }));
        services.AddSingleton<IWebHostEnvironment>(new TestEnvironment(database.Directory));
        services.AddSingleton<MarkdownRenderer>();
        services.AddLocalization();
        services.AddSingleton<ImageStore>();
        services.AddSingleton<StaffPermissions>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<AuditLines>();
        services.AddSingleton<ColumnAdmin>();
        services.AddSingleton<Interview.Web.Live.LiveNotifier>();
        services.AddSingleton<Interview.Web.Events.IEventBus>(sp => sp.GetRequiredService<Interview.Web.Live.LiveNotifier>());
        services.AddSingleton<Interview.Web.FollowUps.FollowUpSchedule>();
        services.AddSingleton<Interview.Web.Public.PublicCatalog>();
        services.AddSingleton<Interview.Web.Hosting.SiteTime>();
        services.AddSingleton<Interview.Web.Hosting.InterviewMetrics>();
        services.AddSingleton<InterviewAdmin>();
        services.AddSingleton<Rehearsals>();
        services.AddSingleton<Interview.Web.Search.SearchIndex>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffNames>();
        services.AddSingleton<SessionEndings>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<Interview.Web.FollowUps.FollowUpBoard>();
        services.AddSingleton<Interview.Web.Statistics.AnnualStatistics>();
        services.AddSingleton<Interview.Web.Statistics.InspectionChecks>();
        services.AddSingleton<Interview.Web.Portal.PortalSettings>();
    }

    private sealed class TestEnvironment(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "Interview.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Testing";
    }
}
