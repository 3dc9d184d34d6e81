using Interview.Tests.Support;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.Audit;

/// <summary>The audit chain on PostgreSQL: 200 concurrent writers, retention, and edits found by verify-audit.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditChainOnPostgresTests(PostgresServer server) : AuditChainSuite
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync(server);
}
