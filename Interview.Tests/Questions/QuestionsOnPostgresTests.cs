using Interview.Tests.Support;
using Interview.Tests.Support.Servers;
using Interview.Web.Data;

namespace Interview.Tests.Questions;

/// <summary>Citizens' questions on PostgreSQL: receipts, idempotent submits, limits, blocks.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QuestionIntakeOnPostgresTests(PostgresServer server, QuestionIntakeTests.Site site)
    : QuestionIntakeSuite(site.OnPostgres(server)), IClassFixture<QuestionIntakeTests.Site>;

/// <summary>The per-client question limit on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QuestionFloodOnPostgresTests(PostgresServer server) : QuestionFloodSuite
{
    protected override StaffSite NewSite() => new StaffSite().OnPostgres(server);
}

/// <summary>Moderation on PostgreSQL: compare-and-set decisions under races, merges, edits.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ModerationOnPostgresTests(PostgresServer server, QuestionIntakeTests.Site site)
    : ModerationSuite(site.OnPostgres(server)), IClassFixture<QuestionIntakeTests.Site>;

/// <summary>The question writer on PostgreSQL, with the gate the site uses there (open: no group commit).</summary>
[Collection(PostgresCollection.Name)]
public sealed class QuestionWriterOnPostgresTests(PostgresServer server) : QuestionWriterSuite
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync(server);

    protected override WriteGate Gate() => new(singleWriter: false);
}

/// <summary>Blocks in one session and in every session on PostgreSQL (a null session in the unique index).</summary>
[Collection(PostgresCollection.Name)]
public sealed class GlobalBlockOnPostgresTests(PostgresServer server) : GlobalBlockTests
{
    protected override StaffSite NewSite() => new StaffSite().OnPostgres(server);
}
