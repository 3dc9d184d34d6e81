using Interview.Tests.Support;
using Interview.Web.Data;

namespace Interview.Tests.Data;

/// <summary>
/// Publishers of one session take turns on SQLite too (Data/DatabaseLocks): SQLite's write lock does not cover the read
/// of the last seq, so without a turn two publishers read the same seq and the second fails its INSERT and retries.
/// </summary>
public sealed class SessionAppendTurnTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ASecondPublisherOfTheSameSessionWaitsForTheFirstWhileAnotherSessionDoesNot()
    {
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        await using var other = _database.CreateDbContext();

        var held = await DatabaseLocks.SessionAppendTurnAsync(first, 41);
        var waiting = DatabaseLocks.SessionAppendTurnAsync(second, 41);
        await using (await DatabaseLocks.SessionAppendTurnAsync(other, 42))
        {
            // Another session's turn was taken at once, while the same session's second turn still waits.
            Assert.False(waiting.IsCompleted);
        }
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waiting.IsCompletedSuccessfully);
    }
}
