using Interview.Web.Data;
using Interview.Web.Events;
using Interview.Web.Operations;
using Interview.Web.Questions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Interview.Web.Hosting;

/// <summary>
/// Several instances behind one balancer (CONTRACT.md "Scale-out"): with <c>Interview:Redis:Configuration</c> set they
/// share the live hub's backplane, the event bus, question limits and word-list saves through Redis, and the
/// data-protection key ring and the client-key secret through the database. Without it nothing here is registered: one
/// instance, no server.
/// </summary>
public static class RedisServices
{
    public const string ConfigurationKey = "Interview:Redis:Configuration";

    /// <summary>Call after the single-instance services are registered: it replaces the in-process event bus.</summary>
    public static WebApplicationBuilder AddRedisScaleOut(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return builder;
        }
        var services = builder.Services;
        services.AddSingleton(sp => new RedisConnection(configuration, sp.GetRequiredService<ILogger<RedisConnection>>()));

        // The hub's sends go through Redis to every instance's viewers; its own connection, started with Redis down too.
        services.AddSignalR().AddStackExchangeRedis(configuration, o =>
        {
            o.Configuration.AbortOnConnectFail = false;
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(RedisConnection.Prefix + "hub");
        });

        services.Replace(ServiceDescriptor.Singleton<IEventBus, RedisEventBus>());
        services.AddSingleton<ISharedQuestionWindow, RedisQuestionWindow>();
        services.AddHostedService<RedisWordLists>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: HealthEndpoint.CheckTimeout);

        // What must be the same secret on every instance lives in the database, which outlives any Redis restart.
        services.AddOptions<KeyManagementOptions>().Configure<IDbContextFactory<InterviewDbContext>>(
            (o, contexts) => o.XmlRepository = new DatabaseKeyRepository(contexts));
        // First of all hosted services: data protection's own one loads the ring at start, making a key if there is none.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, FirstKeyOnce>());
        var dataDirectory = (builder.Configuration.GetSection(InterviewOptions.Section).Get<InterviewOptions>() ?? new())
            .DataDirectoryPath(builder.Environment.ContentRootPath);
        // The first instance brings its own secret (from a single-instance past, blocks keep matching); the others take it.
        services.Replace(ServiceDescriptor.Singleton(sp => new ClientKeys(SharedSecret.GetOrAdd(
            sp.GetRequiredService<IDbContextFactory<InterviewDbContext>>(), Operations.DataFolder.ClientKeysSecret,
            () => ClientKeys.LocalSecret(dataDirectory)))));
        return builder;
    }
}
