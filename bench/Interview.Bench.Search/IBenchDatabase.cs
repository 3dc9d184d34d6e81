using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Bench.Search;

/// <summary>A throw-away database of the site's schema for the benchmark: SQLite (<see cref="BenchDatabase"/>) or PostgreSQL.</summary>
public interface IBenchDatabase : IDbContextFactory<InterviewDbContext>
{
    /// <summary>The engine, its version and where the database is.</summary>
    string Describe();

    Task CreateAsync();

    Filled Fill(int entries, int perSession, int seed, Action<int>? progress = null);

    /// <summary>The database's size on disk, in bytes.</summary>
    long Size();

    void Drop();
}
