using Interview.Tests.Support;
using Interview.Tests.Support.Servers;

namespace Interview.Tests.Live;

/// <summary>The live room's suite on PostgreSQL: 40 concurrent publishers, corrections, review, the hub.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveRoomOnPostgresTests(PostgresServer server, LiveRoomTests.Site site)
    : LiveRoomSuite(site.OnPostgres(server)), IClassFixture<LiveRoomTests.Site>;
