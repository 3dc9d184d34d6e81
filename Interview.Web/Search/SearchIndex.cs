using System.Diagnostics;
using System.Text;
using Interview.Web.Data;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Search;

public sealed record RebuildResult(int Sessions, int Documents, TimeSpan Elapsed);

/// <summary>
/// Keeps the search index in step with what is published. Only published sessions are in it. Every save writes the
/// index rows its change causes in the same transaction (<see cref="Capture"/>, <see cref="ApplyAsync"/>,
/// called by the write path); <see cref="RebuildAsync"/> makes the whole index again from the
/// database (the <c>search rebuild</c> command, and at start when the index is missing or of an older version).
/// </summary>
public sealed class SearchIndex(IDbContextFactory<InterviewDbContext> contexts, MarkdownRenderer renderer, ILogger<SearchIndex> logger)
{
    private const int BatchSize = 512;
    /// <summary>A rebuild reads the documents of this many sessions at once (a few thousand documents).</summary>
    private const int SessionsPerRead = 100;
    private readonly SearchSource _source = new(renderer);

    /// <summary>
    /// What a pending save of <paramref name="db"/> may change in the index: a session that becomes published (all its
    /// documents), and in a published session new or corrected entries, questions, and changes to its title, summary or
    /// guests. Read before the save by the write path (<see cref="Events.WritePath"/>), which then calls <see cref="ApplyAsync"/>.
    /// </summary>
    internal static SearchChanges Capture(InterviewDbContext db) => SearchChanges.Of(db.ChangeTracker);

    /// <summary>Writes the index rows that a save caused, after the save and inside its transaction.</summary>
    internal Task ApplyAsync(InterviewDbContext db, SearchChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        using var writer = Writer(db);
        Apply(writer, changes);
        return Task.CompletedTask;
    }

    /// <summary>Empties the index and indexes every published session again, in one transaction.</summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        RebuildResult result;
        using (var writer = Writer(db))
        {
            result = await Task.Run(() => Rebuild(writer, _source, cancellationToken), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Search index rebuilt: {Documents} documents of {Sessions} published sessions in {Seconds:0.0} s.",
            result.Documents, result.Sessions, result.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Rebuilds the index when it was never built or was built by another version of the tokenization.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var version = await db.Database
                .SqlQueryRaw<string>("SELECT value AS \"Value\" FROM search_meta WHERE key = 'version'")
                .FirstOrDefaultAsync(cancellationToken);
            if (version == SearchStores.For(db.Database).StoredVersion(SearchSchema.Version))
            {
                return;
            }
        }
        await RebuildAsync(cancellationToken);
    }

    /// <summary>
    /// The rebuild itself, on a connection and transaction the caller owns. Documents are read and written on this
    /// thread while the next batch is tokenized on another, so that two cores share the work.
    /// </summary>
    internal static RebuildResult Rebuild(ISearchWriter writer, SearchSource source, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        writer.Clear();
        writer.PrepareBulkLoad();
        var sessions = source.PublishedSessions(writer);
        var documents = 0;
        Task<TokenizedDocument[]>? tokenizing = null;
        var batch = new List<SearchDocument>(BatchSize);
        foreach (var chunk in sessions.Chunk(SessionsPerRead))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var document in source.Documents(writer, chunk))
            {
                batch.Add(document);
                if (batch.Count == BatchSize)
                {
                    Hand(batch);
                }
            }
        }
        Hand(batch);
        Write(tokenizing?.GetAwaiter().GetResult() ?? []);
        writer.FinishBulkLoad();
        writer.SetVersion(SearchSchema.Version);
        return new RebuildResult(sessions.Count, documents, clock.Elapsed);

        void Hand(List<SearchDocument> ready)
        {
            var next = ready.ToArray();
            ready.Clear();
            var previous = tokenizing;
            tokenizing = Task.Run(() => Tokenize(next), cancellationToken);
            Write(previous?.GetAwaiter().GetResult() ?? []);
        }

        void Write(TokenizedDocument[] tokenized)
        {
            foreach (var document in tokenized)
            {
                writer.Insert(document, ++documents);
            }
        }
    }

    private static TokenizedDocument[] Tokenize(SearchDocument[] documents)
    {
        var pairs = new StringBuilder(1024);
        var chars = new StringBuilder(512);
        var seen = new HashSet<int>();
        return documents.Select(d => TokenizedDocument.Of(d, pairs, chars, seen)).ToArray();
    }

    private void Apply(ISearchWriter writer, SearchChanges changes)
    {
        foreach (var (interviewId, change) in changes.Sessions)
        {
            var published = change.Published ?? _source.IsPublished(writer, interviewId);
            if (!published)
            {
                continue;
            }
            if (!writer.HasDocuments(interviewId))
            {
                // Just published: the whole session goes in.
                foreach (var document in _source.Documents(writer, interviewId))
                {
                    writer.Upsert(document);
                }
                continue;
            }
            foreach (var seq in change.Entries)
            {
                if (_source.Entry(writer, interviewId, seq) is { } entry)
                {
                    writer.Upsert(entry);
                }
            }
            foreach (var questionId in change.Questions())
            {
                if (_source.Question(writer, interviewId, questionId) is { } question)
                {
                    writer.Upsert(question);
                }
                else
                {
                    writer.Remove(interviewId, SearchDocKind.Question, questionId);
                }
            }
            if (change.SessionText && _source.Session(writer, interviewId) is { } session)
            {
                writer.Upsert(session);
            }
        }
    }

    /// <summary>The index writer of the context's database (SQLite or PostgreSQL), in its connection and transaction.</summary>
    private static ISearchWriter Writer(InterviewDbContext db) => SearchStores.For(db.Database).Writer(db);
}
