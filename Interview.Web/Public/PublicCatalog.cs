using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Public;

/// <summary>
/// Reads what the public may see. Every public output (pages, feeds, sitemap, API) asks this one service, so the rule
/// of what is public lives here: no drafts, no rehearsals (彩排) but through their private link (<see cref="Pass"/>), and
/// citizens' words only through published transcript entries.
/// </summary>
public sealed class PublicCatalog(IDbContextFactory<InterviewDbContext> contextFactory)
{
    public const int PageSize = 20;
    public const int MaxEntriesPerRead = 1000;
    /// <summary>Pages beyond this are not asked for by any link; the cap keeps the offset arithmetic far from overflow.</summary>
    public const int MaxPage = 10_000;

    private static readonly InterviewStatus[] ListedStatuses =
        [InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended, InterviewStatus.Published];

    public async Task<IReadOnlyList<ColumnView>> ColumnsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Columns.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ColumnView(c.Id, c.Slug, c.Name, c.Description))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The sessions a reader may open: the real ones, and a rehearsal only with its private link's token (or, for the
    /// site announcing a committed change to those who joined, every rehearsal). Every read below starts here.
    /// </summary>
    private static IQueryable<InterviewSession> Visible(InterviewDbContext db, Pass? pass = null)
    {
        var token = pass?.RehearsalToken;
        var every = pass?.EveryRehearsal ?? false;
        return db.Interviews.Where(i => i.RehearsalOf == null || every || (token != null && i.RehearsalToken == token));
    }

    /// <summary>The id of the rehearsal behind a private link's token, or null when there is none.</summary>
    public async Task<int?> RehearsalAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Interviews.Where(i => i.RehearsalOf != null && i.RehearsalToken == token).Select(i => (int?)i.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the reader may open the session at all (a rehearsal only with its pass).</summary>
    public async Task<bool> IsVisibleAsync(int id, Pass? pass = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, pass).AnyAsync(i => i.Id == id, cancellationToken);
    }

    public async Task<ColumnView?> ColumnAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Columns.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new ColumnView(c.Id, c.Slug, c.Name, c.Description))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<HomeView> HomeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var columns = await ColumnMapAsync(db, cancellationToken);
        var live = await CardsAsync(columns, Visible(db).Where(i => i.Status == InterviewStatus.Live)
            .OrderBy(i => i.ScheduledStart), 10, cancellationToken);
        var upcoming = await CardsAsync(columns, Visible(db).Where(i => i.Status == InterviewStatus.Scheduled)
            .OrderBy(i => i.ScheduledStart), 10, cancellationToken);
        var recent = await CardsAsync(columns, Visible(db)
            .Where(i => i.Status == InterviewStatus.Published || i.Status == InterviewStatus.Ended)
            .OrderByDescending(i => i.ScheduledStart), 10, cancellationToken);
        return new HomeView(live, upcoming, recent, columns.Values.OrderBy(c => c.Order).Select(c => c.View).ToList());
    }

    /// <summary>The listed sessions, newest first, optionally of one column and one state.</summary>
    public async Task<PageOf<InterviewCard>> InterviewsAsync(
        string? columnSlug, InterviewStatus? status, int page, CancellationToken cancellationToken = default)
    {
        page = Math.Clamp(page, 1, MaxPage);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var columns = await ColumnMapAsync(db, cancellationToken);
        var query = Visible(db);
        query = status is { } wanted && ListedStatuses.Contains(wanted)
            ? query.Where(i => i.Status == wanted)
            : status is null
                ? query.Where(i => ListedStatuses.Contains(i.Status))
                : query.Where(i => false);
        if (columnSlug is not null)
        {
            var columnId = columns.Values.FirstOrDefault(c => c.View.Slug == columnSlug)?.View.Id ?? -1;
            query = query.Where(i => i.ColumnId == columnId);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await CardsAsync(columns, query.OrderByDescending(i => i.ScheduledStart).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize), PageSize, cancellationToken);
        return new PageOf<InterviewCard>(items, total, page, PageSize);
    }

    /// <summary>A session the public may open (anything but a draft), or null.</summary>
    public async Task<InterviewDetail?> InterviewAsync(int id, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await Visible(db, pass).AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == id && i.Status != InterviewStatus.Draft, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var column = await db.Columns.AsNoTracking().SingleAsync(c => c.Id == session.ColumnId, cancellationToken);
        var stats = await StatsAsync(db, id, cancellationToken);
        var corrected = await LastCorrectionsAsync(db, id, cancellationToken);
        return new InterviewDetail(
            Card(session, ToView(column)), session.SummaryHtml, stats, session.PublishedAt, session.SummaryMarkdown,
            LastChange(session.UpdatedAt, corrected.GetValueOrDefault(id)), session.BackgroundHtml, session.BackgroundMarkdown,
            session.IsRehearsal);
    }

    /// <summary>A published session (文字实录) with all its entries, or null for any other state.</summary>
    public async Task<ArchiveView?> ArchiveAsync(int id, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        var detail = await InterviewAsync(id, cancellationToken, pass);
        if (detail is not { Status: InterviewStatus.Published })
        {
            return null;
        }
        var entries = new List<EntryView>();
        IReadOnlyList<EntryView> batch;
        do
        {
            batch = await EntriesAsync(id, entries.Count > 0 ? entries[^1].Seq : 0, cancellationToken, pass) ?? [];
            entries.AddRange(batch);
        }
        while (batch.Count == MaxEntriesPerRead);
        return new ArchiveView(detail, entries) { AwaitingFollowUp = await AwaitingFollowUpAsync(id, cancellationToken, pass) };
    }

    /// <summary>
    /// After the session: the approved questions never put to the guests and not answered yet, which wait for their
    /// 会后答复 (an answered one appears with its answer in the transcript instead). Oldest approval first.
    /// </summary>
    public async Task<IReadOnlyList<PublicQuestion>> AwaitingFollowUpAsync(
        int interviewId, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await Visible(db, pass).AnyAsync(i => i.Id == interviewId
                && (i.Status == InterviewStatus.Ended || i.Status == InterviewStatus.Published), cancellationToken))
        {
            return [];
        }
        return await db.Questions.AsNoTracking()
            .Where(q => q.InterviewId == interviewId && q.Status == QuestionStatus.Approved
                && !db.Entries.Any(e => e.InterviewId == interviewId && e.QuestionId == q.Id))
            .OrderBy(q => q.DecidedAt).ThenBy(q => q.Id)
            .Select(q => new PublicQuestion(q.Id, q.Nickname, q.Text, 0))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A column's listed sessions as news, newest first: an archive dated by its publication, a live or ended session
    /// by when it started or ended, a preview by its last change.
    /// </summary>
    public async Task<IReadOnlyList<FeedItem>> FeedAsync(ColumnView column, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(column);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var sessions = Visible(db).AsNoTracking().Where(i => i.ColumnId == column.Id);
        var archives = await sessions.Where(i => i.Status == InterviewStatus.Published)
            .OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(take).ToListAsync(cancellationToken);
        var current = await sessions
            .Where(i => i.Status == InterviewStatus.Scheduled || i.Status == InterviewStatus.Live || i.Status == InterviewStatus.Ended)
            .OrderByDescending(i => i.UpdatedAt).Take(take).ToListAsync(cancellationToken);
        return archives.Concat(current)
            .Select(s => new FeedItem(Card(s, column), s.Status switch
            {
                InterviewStatus.Published => s.PublishedAt ?? s.UpdatedAt,
                InterviewStatus.Live => s.StartedAt ?? s.UpdatedAt,
                InterviewStatus.Ended => s.EndedAt ?? s.UpdatedAt,
                _ => s.UpdatedAt,
            }))
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Card.Id).Take(take).ToList();
    }

    /// <summary>
    /// The published entries after <paramref name="afterSeq"/>, in order (none before the session goes live), or null
    /// when there is no public session with that id.
    /// </summary>
    public async Task<IReadOnlyList<EntryView>?> EntriesAsync(
        int interviewId, int afterSeq = 0, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await TranscriptSessionAsync(db, interviewId, pass, cancellationToken);
        if (session is null)
        {
            return null;
        }
        if (!session.Status.HasTranscript())
        {
            return [];
        }
        var entries = await db.Entries.AsNoTracking().Include(e => e.Revisions)
            .Where(e => e.InterviewId == interviewId && e.Seq > afterSeq)
            .OrderBy(e => e.Seq).Take(MaxEntriesPerRead)
            .ToListAsync(cancellationToken);
        var pairs = await EntryPairs.ReadAsync(db, interviewId, session.Status == InterviewStatus.Live, cancellationToken);
        return entries.Select(e => pairs.Link(ToView(e, session.ReviewUnit))).ToList();
    }

    /// <summary>
    /// The entries published or corrected after change <paramref name="afterChange"/> (a stream cursor), in the order of
    /// those changes, at most <see cref="MaxEntriesPerRead"/>; with the session's state and last change. Null when there
    /// is no public session with that id. Each entry comes once, in its latest wording.
    /// </summary>
    public async Task<EntryChanges?> ChangesAsync(
        int interviewId, int afterChange, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await TranscriptSessionAsync(db, interviewId, pass, cancellationToken);
        if (session is null)
        {
            return null;
        }
        if (!session.Status.HasTranscript())
        {
            return new EntryChanges(session.Status, session.LastChange, []);
        }
        var entries = await db.Entries.AsNoTracking().Include(e => e.Revisions)
            .Where(e => e.InterviewId == interviewId && e.Change > afterChange)
            .OrderBy(e => e.Change).Take(MaxEntriesPerRead)
            .ToListAsync(cancellationToken);
        var pairs = entries.Count > 0
            ? await EntryPairs.ReadAsync(db, interviewId, session.Status == InterviewStatus.Live, cancellationToken)
            : null;
        // A full batch leaves more to read: the cursor stops at its last entry, else it covers the session's last change.
        var cursor = entries.Count == MaxEntriesPerRead ? entries[^1].Change
            : Math.Max(session.LastChange, entries.Count > 0 ? entries[^1].Change : 0);
        return new EntryChanges(session.Status, cursor, entries.Select(e => pairs!.Link(ToView(e, session.ReviewUnit))).ToList());
    }

    /// <summary>
    /// The cursor just before the entries after <paramref name="afterSeq"/> were published: resuming from it sends those
    /// entries, and any later correction of earlier ones (a client that knows the entries up to a seq, from the page,
    /// misses nothing). Null when there is no public session with that id.
    /// </summary>
    public async Task<int?> CursorBeforeSeqAsync(
        int interviewId, int afterSeq, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await TranscriptSessionAsync(db, interviewId, pass, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var first = await db.Entries.Where(e => e.InterviewId == interviewId && e.Seq > afterSeq)
            .MinAsync(e => (int?)e.Change, cancellationToken);
        return first is { } change ? change - 1 : session.LastChange;
    }

    /// <summary>
    /// The one check of whether the reader may read a session's transcript: a session they may open (<see cref="Visible"/>:
    /// a rehearsal only with its pass) that is anything but a draft.
    /// </summary>
    private static Task<TranscriptSession?> TranscriptSessionAsync(
        InterviewDbContext db, int interviewId, Pass? pass, CancellationToken cancellationToken) =>
        Visible(db, pass).Where(i => i.Id == interviewId && i.Status != InterviewStatus.Draft)
            .Select(i => new TranscriptSession(i.Status, i.ReviewUnit, i.LastChange))
            .SingleOrDefaultAsync(cancellationToken);

    private sealed record TranscriptSession(InterviewStatus Status, string ReviewUnit, int LastChange);

    /// <summary>
    /// The seq of the question being answered (正在回答) while the session is live, else null: what the live page's
    /// marker shows and the hub's <c>floor</c> message carries.
    /// </summary>
    public async Task<int?> OnTheFloorAsync(int interviewId, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var live = await Visible(db, pass).AnyAsync(i => i.Id == interviewId && i.Status == InterviewStatus.Live, cancellationToken);
        return live ? (await EntryPairs.ReadAsync(db, interviewId, live, cancellationToken)).FloorSeq : null;
    }

    /// <summary>The approved questions of a session, oldest first, with their 同问 counts: only what a moderator let through (先审后发).</summary>
    public async Task<IReadOnlyList<PublicQuestion>> ApprovedQuestionsAsync(
        int interviewId, CancellationToken cancellationToken = default, Pass? pass = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var visible = Visible(db, pass).Where(i => i.Id == interviewId);
        return await db.Questions.AsNoTracking()
            .Where(q => q.InterviewId == interviewId && visible.Any() && (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered))
            .OrderBy(q => q.DecidedAt).ThenBy(q => q.Id)
            .Select(q => new PublicQuestion(q.Id, q.Nickname, q.Text, db.MeToos.Count(m => m.QuestionId == q.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every public session and column page, with the time it last changed.</summary>
    public async Task<IReadOnlyList<SitemapItem>> SitemapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var corrected = await LastCorrectionsAsync(db, null, cancellationToken);
        var sessions = (await Visible(db).AsNoTracking().Where(i => ListedStatuses.Contains(i.Status))
                .Select(i => new { i.Id, i.UpdatedAt, i.ColumnId }).ToListAsync(cancellationToken))
            .Select(s => new { s.Id, s.ColumnId, Changed = LastChange(s.UpdatedAt, corrected.GetValueOrDefault(s.Id)) })
            .ToList();
        var columns = await db.Columns.AsNoTracking().Select(c => new { c.Id, c.Slug }).ToListAsync(cancellationToken);
        var items = new List<SitemapItem> { new(PublicUrls.Home, sessions.Count > 0 ? sessions.Max(s => s.Changed) : null) };
        items.AddRange(columns.Select(c => new SitemapItem(
            PublicUrls.Column(c.Slug),
            sessions.Where(s => s.ColumnId == c.Id).Select(s => (DateTimeOffset?)s.Changed).Max())));
        items.AddRange(sessions.OrderBy(s => s.Id).Select(s => new SitemapItem(PublicUrls.Interview(s.Id), s.Changed)));
        return items;
    }

    /// <summary>
    /// The latest correction (勘误) per session, of one session or of all. Publishing an entry moves the session's
    /// UpdatedAt (the domain does it), a correction need not, so the revisions (few rows) are asked instead of
    /// reading every entry.
    /// </summary>
    private static async Task<Dictionary<int, DateTimeOffset>> LastCorrectionsAsync(
        InterviewDbContext db, int? interviewId, CancellationToken cancellationToken)
    {
        var revisions = db.EntryRevisions.Join(db.Entries, r => r.EntryId, e => e.Id, (r, e) => new { e.InterviewId, r.ReplacedAt });
        if (interviewId is { } id)
        {
            revisions = revisions.Where(r => r.InterviewId == id);
        }
        var latest = await revisions.GroupBy(r => r.InterviewId)
            .Select(g => new { g.Key, Last = g.Max(r => r.ReplacedAt) })
            .ToListAsync(cancellationToken);
        return latest.ToDictionary(r => r.Key, r => r.Last);
    }

    private static DateTimeOffset LastChange(DateTimeOffset updated, DateTimeOffset corrected) =>
        corrected > updated ? corrected : updated;

    private static async Task<PublicStats> StatsAsync(InterviewDbContext db, int interviewId, CancellationToken cancellationToken)
    {
        var counts = await db.Questions.Where(q => q.InterviewId == interviewId)
            .GroupBy(q => new { q.Status, q.AnsweredLater })
            .Select(g => new { g.Key.Status, g.Key.AnsweredLater, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Func<QuestionStatus, bool, bool> match) =>
            counts.Where(c => match(c.Status, c.AnsweredLater)).Sum(c => c.Count);
        var answered = await db.Questions
            .Where(q => q.InterviewId == interviewId && q.Status == QuestionStatus.Answered && q.AnsweredAt != null)
            .Select(q => new { q.SubmittedAt, q.AnsweredAt })
            .ToListAsync(cancellationToken);
        return new PublicStats(
            Received: Count((_, _) => true),
            Approved: Count((s, _) => s is QuestionStatus.Approved or QuestionStatus.Answered),
            Merged: Count((s, _) => s == QuestionStatus.Merged),
            Rejected: Count((s, _) => s == QuestionStatus.Rejected),
            AnsweredLive: Count((s, later) => s == QuestionStatus.Answered && !later),
            AnsweredLater: Count((s, later) => s == QuestionStatus.Answered && later),
            MedianTimeToAnswer: Median(answered.Select(q => q.AnsweredAt!.Value - q.SubmittedAt)));
    }

    internal static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private sealed record ColumnEntry(ColumnView View, int Order);

    private static async Task<Dictionary<int, ColumnEntry>> ColumnMapAsync(InterviewDbContext db, CancellationToken cancellationToken) =>
        await db.Columns.AsNoTracking()
            .Select(c => new ColumnEntry(new ColumnView(c.Id, c.Slug, c.Name, c.Description), c.SortOrder))
            .ToDictionaryAsync(c => c.View.Id, cancellationToken);

    private static async Task<IReadOnlyList<InterviewCard>> CardsAsync(
        Dictionary<int, ColumnEntry> columns, IQueryable<InterviewSession> query, int take, CancellationToken cancellationToken)
    {
        var sessions = await query.AsNoTracking().Take(take).ToListAsync(cancellationToken);
        return sessions.Select(s => Card(s, columns[s.ColumnId].View)).ToList();
    }

    private static InterviewCard Card(InterviewSession s, ColumnView column) => new(
        s.Id, s.Title, s.Status, column, s.ScheduledStart, s.ScheduledEnd,
        s.Guests.OrderBy(g => g.SortOrder).Select(g => new GuestView(g.Id, g.Name, g.Position, g.Organization, g.Bio, g.PhotoUrl)).ToList(),
        s.UpdatedAt);

    private static ColumnView ToView(Column c) => new(c.Id, c.Slug, c.Name, c.Description);

    /// <summary>
    /// The public view of an entry just published that links to nothing (no question, no reviewer, no correction): all of
    /// it is in the entry itself, so the save's announcement and the publisher's answer need not read it back. Null for
    /// any other entry, whose view is read (<see cref="EntriesAsync"/>). Appending needs a session with a transcript.
    /// </summary>
    public static EntryView? UnlinkedView(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry is { QuestionId: null, ReviewedBy: null, Revisions.Count: 0, CorrectedAt: null, Change: > 0 }
            ? ToView(entry, reviewUnit: "")
            : null;
    }

    /// <summary>The public view: a reviewed entry is credited to the session's reviewing unit, never to the reviewer.</summary>
    private static EntryView ToView(TranscriptEntry e, string reviewUnit) => new(
        e.InterviewId, e.Seq, e.Kind, e.SpeakerLabel, e.Html, e.Text, e.PublishedAt, e.QuestionId, e.CorrectedAt,
        e.Revisions.OrderBy(r => r.ReplacedAt).Select(r => new RevisionView(r.Html, r.PublishedAt, r.ReplacedAt, r.Note, r.Markdown)).ToList(),
        e.IsPrepared, e.ReviewedBy is null || reviewUnit.Length == 0 ? null : reviewUnit, e.Markdown, e.Speaker,
        IsReviewed: e.ReviewedBy is not null, Reviewer: e.ReviewedBy) { Change = e.Change };
}

/// <summary>
/// What a reader may see beyond the real sessions: one rehearsal (彩排) through its private link's token, or every
/// rehearsal (<see cref="Site"/>: the site announcing a committed change to consoles and to viewers who joined with the
/// link). Without a pass, rehearsals do not exist for the reader.
/// </summary>
public sealed record Pass(string? RehearsalToken, bool EveryRehearsal = false)
{
    public static Pass Site { get; } = new(null, EveryRehearsal: true);
}
