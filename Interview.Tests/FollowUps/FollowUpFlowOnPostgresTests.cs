using Interview.Tests.Support;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.FollowUps;

/// <summary>Follow-ups on PostgreSQL: due dates from Beijing-time instants stored as timestamptz, answers, receipts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FollowUpFlowOnPostgresTests(PostgresServer server, FollowUpSite site)
    : FollowUpFlowSuite(site.OnPostgres(server)), IClassFixture<FollowUpSite>;
