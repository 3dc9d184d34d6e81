using Interview.Domain.Interviews;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Interview.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Questions.Sms;

/// <summary>
/// The real site in Production with the HTTP gateway sender pointed at a <see cref="TestSmsGateway"/>, a clock the test
/// sets, and every log line captured.
/// </summary>
public sealed class PhoneVerificationSite : StaffSite
{
    public const string ApiKey = "test-gateway-key";

    public PhoneVerificationSite()
    {
        With("Interview:Limits:QuestionsPerClientPerMinute", "1000");
        With("Interview:Sms:Sender", "http");
        With("Interview:Sms:GatewayUrl", Gateway.Url);
        With("Interview:Sms:ApiKey", ApiKey);
    }

    public TestSmsGateway Gateway { get; } = new();

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public CapturedLog Log => CapturedLog.Of(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(CapturedLog.AddTo);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task<int> LiveSessionAsync(bool verifying = true) => this.VerifyingSessionAsync(verifying);

    /// <summary>A citizen from an address of their own (limits and codes are per client).</summary>
    public HttpClient Citizen(string address) => CreateDefaultClient(new ClientAddress(address));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Gateway.Dispose();
        }
    }
}

public static class VerifyingSessions
{
    /// <summary>A live session in a new column; the column verifies askers' phones when <paramref name="verifying"/>.</summary>
    public static async Task<int> VerifyingSessionAsync(this StaffSite site, bool verifying = true)
    {
        ArgumentNullException.ThrowIfNull(site);
        var column = await site.Services.GetRequiredService<ColumnAdmin>().CreateAsync(
            await site.AdminActorAsync(), new ColumnEdit("实名提问栏目", $"verified-{Guid.NewGuid():N}"[..20], null, 0, verifying));
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        var session = Builders.SessionIn(InterviewStatus.Live, column.Id);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }
}
