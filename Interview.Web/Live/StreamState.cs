using Interview.Domain.Interviews;
using Interview.Web.Data;
using Interview.Web.Public;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Live;

/// <summary>
/// What a viewer joining a session's stream needs to know: its status, its last change (the cursor of a viewer that has
/// everything), its last seq (a first connection with <c>?afterSeq=</c> at or past it has everything) and the question
/// on the floor. Read once per audience (<see cref="StreamAudiences"/> keeps it current from then on).
/// </summary>
/// <param name="Private">A rehearsal (彩排): streamed only to viewers with its private link's token.</param>
public sealed record StreamState(InterviewStatus Status, int LastChange, int LastSeq, int? Floor, bool Private = false)
{
    /// <summary>The state once this entry (a publication or a correction) has been sent.</summary>
    public StreamState After(EntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return this with { LastChange = Math.Max(LastChange, entry.Change), LastSeq = Math.Max(LastSeq, entry.Seq) };
    }

    /// <summary>
    /// The session's state as committed, or null when the public may not read it: the catalogue's own reads decide
    /// (<see cref="PublicCatalog.ChangesAsync"/> past every change reads the session and no entry).
    /// </summary>
    public static async Task<StreamState?> ReadAsync(
        PublicCatalog catalog, IDbContextFactory<InterviewDbContext> contexts, int interviewId, Pass? pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(contexts);
        if (await catalog.ChangesAsync(interviewId, int.MaxValue, cancellationToken, pass) is not { } session)
        {
            return null;
        }
        // Opened with a pass: a rehearsal unless the public may open it without one.
        var isPrivate = pass is not null && !await catalog.IsVisibleAsync(interviewId, null, cancellationToken);
        int lastSeq;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            lastSeq = await db.Entries.Where(e => e.InterviewId == interviewId).MaxAsync(e => (int?)e.Seq, cancellationToken) ?? 0;
        }
        var floor = session.Status == InterviewStatus.Live ? await catalog.OnTheFloorAsync(interviewId, cancellationToken, pass) : null;
        return new StreamState(session.Status, session.Cursor, lastSeq, floor, isPrivate);
    }
}
