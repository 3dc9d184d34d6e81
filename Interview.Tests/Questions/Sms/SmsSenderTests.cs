using System.Net;
using System.Net.Http.Json;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Questions.Sms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Questions.Sms;

/// <summary>The two senders, and the rule that codes are never written to a Production log.</summary>
public sealed class SmsSenderTests
{
    [Fact]
    public async Task TheHttpGatewayPostsThePhoneAndTheTextWithTheKey()
    {
        using var gateway = new TestSmsGateway();
        using var http = new HttpClient();

        await Gateway(http, gateway.Url).SendAsync("13800138000", "246810", CancellationToken.None);

        var message = Assert.Single(gateway.Messages);
        Assert.Equal("Bearer secret-from-the-environment", message.Authorization);
        Assert.Equal("13800138000", message.Phone);
        Assert.Contains("246810", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorFromTheGatewayIsAFailedSend()
    {
        using var gateway = new TestSmsGateway { Status = HttpStatusCode.InternalServerError };
        using var http = new HttpClient();

        await Assert.ThrowsAsync<SmsNotSentException>(() => Gateway(http, gateway.Url).SendAsync("13800138000", "246810", CancellationToken.None));
    }

    [Fact]
    public async Task AGatewayThatCannotBeReachedIsAFailedSend()
    {
        string url;
        using (var gone = new TestSmsGateway())
        {
            url = gone.Url;
        }
        using var http = new HttpClient();

        await Assert.ThrowsAsync<SmsNotSentException>(() => Gateway(http, url).SendAsync("13800138000", "246810", CancellationToken.None));
    }

    [Fact]
    public async Task TheDevelopmentSenderWritesTheCodeToTheLogWithTheNumberMasked()
    {
        var log = new ListLogger();

        await new LogSmsSender(log).SendAsync("13800138000", "135790", CancellationToken.None);

        var line = Assert.Single(log.Lines);
        Assert.Contains("135790", line, StringComparison.Ordinal);
        Assert.Contains("138****8000", line, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("log", "Production", false)]
    [InlineData("log", "Development", true)]
    [InlineData("log", "Staging", true)]
    [InlineData("http", "Production", true)]
    [InlineData("", "Production", true)]
    [InlineData("carrier-pigeon", "Development", false)]
    public void TheLogSenderIsRefusedInProduction(string sender, string environment, bool valid)
    {
        var options = new InterviewOptions { Sms = { Sender = sender, GatewayUrl = "https://sms.example.gov.cn/send", ApiKey = "k" } };

        var result = new SmsOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void TheHttpSenderNeedsAnAddressAndAKey()
    {
        var options = new InterviewOptions { Sms = { Sender = "http" } };

        var result = new SmsOptionsValidator(new HostingEnvironment { EnvironmentName = "Production" }).Validate(null, options);

        Assert.Contains("GatewayUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ApiKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AProductionSiteConfiguredWithTheLogSenderRefusesToStart()
    {
        using var site = new InterviewFactory().With("Interview:Sms:Sender", "log");

        var failure = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains("refused in Production", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADevelopmentSiteWritesTheCodeToTheLogAndTheCodeVerifiesTheQuestion()
    {
        using var site = new DevelopmentSite();
        var id = await site.VerifyingSessionAsync();
        using var citizen = site.CreateClient();

        var sent = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/phone-codes", new { phone = "13800138000" });
        var line = Assert.Single(CapturedLog.Of(site.Services).Entries, e => e.Text.Contains("Development SMS sender", StringComparison.Ordinal)).Text;
        var code = System.Text.RegularExpressions.Regex.Match(line, "is ([0-9]{6})").Groups[1].Value;
        var asked = await citizen.PostAsJsonAsync($"/api/v1/interviews/{id}/questions",
            new { nickname = "网友", text = "公交线路能否延长？", phone = "13800138000", code });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
    }

    private static HttpSmsGateway Gateway(HttpClient http, string url) => new(http,
        Options.Create(new InterviewOptions { Sms = { Sender = "http", GatewayUrl = url, ApiKey = "secret-from-the-environment", TimeoutSeconds = 5 } }),
        NullLogger<HttpSmsGateway>.Instance);

    private sealed class DevelopmentSite : StaffSite
    {
        public DevelopmentSite() => With("Interview:Sms:Sender", "log");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(Environments.Development);
            builder.ConfigureServices(CapturedLog.AddTo);
        }
    }

    private sealed class ListLogger : ILogger<LogSmsSender>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
