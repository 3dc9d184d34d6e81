using Interview.Tests.Support.Servers;

namespace Interview.Tests.Operations;

/// <summary>The test servers themselves: each starts on its own port, answers, and comes back after an outage.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task Each_database_is_new_and_answers_on_the_servers_own_port()
    {
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();

        Assert.NotEqual(first, second);
        Assert.NotEqual(5432, server.Port);
        var name = first.Split("Database=")[1].Split(';')[0];
        Assert.Equal("1", (await server.PsqlAsync("SELECT 1", name)).Trim());
    }
}

public sealed class RedisServerTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Stops_and_comes_back_on_the_same_port()
    {
        Assert.True(await LocalServer.AcceptsAsync(_redis.Port));

        await _redis.StopAsync();
        Assert.False(await LocalServer.AcceptsAsync(_redis.Port));

        await _redis.StartAsync();
        Assert.True(await LocalServer.AcceptsAsync(_redis.Port));
        Assert.Equal($"127.0.0.1:{_redis.Port}", _redis.Configuration);
    }
}
