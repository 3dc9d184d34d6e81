using Interview.Domain.Audit;
using Interview.Tests.Support;
using Interview.Web;
using Interview.Web.Audit;
using Interview.Web.Operations;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Audit;

public sealed class AuditChainTests : AuditChainSuite
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync();
}

/// <summary>
/// The audit log's hash chain and <c>verify-audit</c>: an edit or a removal made in the database is found. Run on
/// SQLite (<see cref="AuditChainTests"/>) and on PostgreSQL (AuditChainOnPostgresTests).
/// </summary>
public abstract class AuditChainSuite : IAsyncLifetime
{
    private TestDatabase _database = default!;

    protected abstract Task<TestDatabase> DatabaseAsync();

    public async Task InitializeAsync() => _database = await DatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ConcurrentWritersKeepTheChainLinear()
    {
        var trail = new AuditTrail(_database, TimeProvider.System);
        var actor = new StaffActor("1", "admin@example.gov.cn", "127.0.0.1");

        // Lines saved on their own and lines saved with a change in a transaction of the caller's, all at once.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            if (i % 4 == 0)
            {
                await using var db = _database.CreateDbContext();
                await using var transaction = await db.Database.BeginTransactionAsync();
                trail.Add(db, actor, "column.create", $"column/{i}");
                trail.Add(db, actor, "column.update", $"column/{i}");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            else
            {
                await trail.RecordAsync(actor, "auth.sign-in", $"staff/{i}", AuditTrail.Ok);
            }
        })));

        var result = await new AuditVerifier(_database).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(250, result.Lines);
    }

    [Fact]
    public async Task VerifyAuditExitsZeroWhenIntactAndOneNamingALineEditedInTheDatabase()
    {
        await AddLinesAsync(6);
        Assert.Equal(0, await VerifyCommandAsync());

        await ExecuteAsync("""UPDATE "AuditLog" SET "Details" = 'nothing happened' WHERE "Id" = 4""");

        var (exit, errors) = await RunVerifyAsync();
        Assert.Equal(1, exit);
        Assert.Contains("#4", errors, StringComparison.Ordinal);
        Assert.Equal(4, (await new AuditVerifier(_database).VerifyAsync()).BrokenId);
    }

    [Fact]
    public async Task ALineRemovedFromTheMiddleIsNamed()
    {
        await AddLinesAsync(6);

        await ExecuteAsync("""DELETE FROM "AuditLog" WHERE "Id" = 3""");

        var result = await new AuditVerifier(_database).VerifyAsync();
        Assert.Equal(4, result.BrokenId);
        Assert.Contains("#3", result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, await VerifyCommandAsync());
    }

    [Fact]
    public async Task ALineRewrittenWithAFreshHashOfItsOwnStillBreaksTheLinkAfterIt()
    {
        await AddLinesAsync(5);
        // Someone who edits a line and recomputes its hash from its predecessor: the next line no longer follows.
        await using (var db = _database.CreateDbContext())
        {
            var line = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Id == 2);
            var previous = await db.AuditLog.Where(a => a.Id == 1).Select(a => EF.Property<string>(a, "Hash")).SingleAsync();
            var forged = AuditEntry.Record(line.At, line.Actor, line.Action, "column/999", line.Outcome, line.IpAddress, line.Details);
            typeof(AuditEntry).GetProperty(nameof(AuditEntry.Id))!.SetValue(forged, 2L);
            await ExecuteAsync($"""UPDATE "AuditLog" SET "Target" = 'column/999', "Hash" = '{AuditChain.Link(previous, forged)}' WHERE "Id" = 2""");
        }

        Assert.Equal(3, (await new AuditVerifier(_database).VerifyAsync()).BrokenId);
    }

    [Fact]
    public async Task RetentionKeepsTheChainVerifiableAndAPrefixRemovedBeyondItIsFound()
    {
        var today = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        await using (var db = _database.CreateDbContext())
        {
            foreach (var age in new[] { 400, 300, 200, 100, 10, 1 })
            {
                db.AuditLog.Add(AuditEntry.Record(today.AddDays(-age), "admin@example.gov.cn", "column.create", $"age/{age}", "ok"));
                await db.SaveChangesAsync();
            }
        }
        var retention = new AuditRetention(_database, Options.Create(new InterviewOptions { Audit = new AuditOptions { RetentionDays = 250 } }), new ManualClock(today), NullLogger<AuditRetention>.Instance);

        Assert.Equal(2, await retention.PurgeAsync());

        var verifier = new AuditVerifier(_database);
        var result = await verifier.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.Lines);
        await using (var db = _database.CreateDbContext())
        {
            var purge = await db.AuditLog.SingleAsync(a => a.Action == AuditChain.PurgeAction);
            Assert.Equal("system", purge.Actor);
            Assert.StartsWith("removed 2 lines before #3", purge.Details, StringComparison.Ordinal);
        }

        // Removing more old lines by hand, as if retention had: the first kept line no longer meets the anchor.
        await ExecuteAsync("""DELETE FROM "AuditLog" WHERE "Id" = 3""");
        Assert.Equal(4, (await verifier.VerifyAsync()).BrokenId);
    }

    [Fact]
    public async Task ALogFromBeforeTheChainIsChainedOnceAndALaterUnhashedLineIsNotHidden()
    {
        await AddLinesAsync(3);
        await ExecuteAsync("""UPDATE "AuditLog" SET "Hash" = ''""");

        await using (var db = _database.CreateDbContext())
        {
            Assert.Equal(3, await AuditChainWriter.ChainUnchainedLogAsync(db, CancellationToken.None));
        }
        Assert.True((await new AuditVerifier(_database).VerifyAsync()).Intact);

        await ExecuteAsync("""UPDATE "AuditLog" SET "Hash" = '' WHERE "Id" = 2""");
        await using (var db = _database.CreateDbContext())
        {
            Assert.Equal(0, await AuditChainWriter.ChainUnchainedLogAsync(db, CancellationToken.None));
        }
        Assert.Equal(2, (await new AuditVerifier(_database).VerifyAsync()).BrokenId);
    }

    private async Task AddLinesAsync(int count)
    {
        var trail = new AuditTrail(_database, TimeProvider.System);
        for (var i = 1; i <= count; i++)
        {
            await trail.RecordAsync(new StaffActor("1", "admin@example.gov.cn", "10.0.0.1"), "column.create", $"column/{i}", AuditTrail.Ok, $"第 {i} 个栏目");
        }
    }

    /// <summary>An edit made in the database, behind the application's back (quoted names: both providers read them).</summary>
    private async Task ExecuteAsync(string sql)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<int> VerifyCommandAsync() => (await RunVerifyAsync()).Exit;

    private async Task<(int Exit, string Errors)> RunVerifyAsync()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await OperationsCommand.RunAsync(["verify-audit", $"--Interview:DataDirectory={_database.Directory}", .. _database.Settings], output, errors);
        return (exit, errors.ToString());
    }
}
