using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Web.Admin;
using Interview.Web.Audit;
using Interview.Web.Data;
using Interview.Web.Public;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Live;

public sealed record EntryRequest(EntryKind Kind, string? Markdown, int? GuestId = null, int? QuestionId = null, bool Prepared = false);

/// <summary>What publishing did: the entry went out, or (two-key review) a draft waits for the reviewer.</summary>
public sealed record PublishOutcome(EntryView? Entry, EntryDraft? Draft);

/// <summary>
/// Publishing during a session. Each write takes the session's next seq in the same transaction that stores it and
/// its audit line; the save tells the audience and the consoles after the commit (<see cref="Events.WritePath"/>). Two
/// publishers at once never share or skip a number: the loser of a race retries on fresh data. On PostgreSQL, which
/// takes writers in parallel, publishers of one session take turns (<see cref="DatabaseLocks.SessionAppendTurnAsync"/>)
/// so that races stay rare.
/// </summary>
public sealed class LivePublisher(
    IDbContextFactory<InterviewDbContext> contexts,
    StaffPermissions permissions,
    AuditTrail audit,
    MarkdownRenderer renderer,
    PublicCatalog catalog,
    Media.ImageStore images,
    TimeProvider clock)
{
    private const int Attempts = 10;

    /// <summary>Publishes an entry, or submits it for review where the session requires that for its kind.</summary>
    public async Task<PublishOutcome> PublishAsync(StaffActor actor, int interviewId, EntryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await permissions.EnsureForSessionAsync(actor, interviewId, RoleFor(request.Kind));
        return await AppendAsync(actor, interviewId, request);
    }

    /// <summary>
    /// 图文直播: a stored photo (<see cref="SavePhotoAsync"/>) with its caption as an entry of its own, published as the
    /// host's (主持人) by the host or the typist, under the rules of a host's entry.
    /// </summary>
    public async Task<PublishOutcome> PublishPhotoAsync(StaffActor actor, int interviewId, string? photoUrl, string? caption)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Typist, StaffRole.Host);
        var text = PhotoEntry.Caption(caption);
        if (photoUrl is null || await images.FindAsync(photoUrl) is null)
        {
            throw new DomainException(Text.SiteErrorCodes.PhotoNotStored);
        }
        return await AppendAsync(actor, interviewId, new EntryRequest(EntryKind.Host, PhotoEntry.Markdown(photoUrl, text)));
    }

    /// <summary>Publishes (or submits for review) an entry whose author's role was checked.</summary>
    private async Task<PublishOutcome> AppendAsync(StaffActor actor, int interviewId, EntryRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var turn = await DatabaseLocks.SessionAppendTurnAsync(db, interviewId);
            var session = await LoadAsync(db, interviewId);
            var now = clock.GetUtcNow();
            var (speaker, text, question) = await ContentAsync(db, session, request);
            if (session.NeedsReview(request.Kind))
            {
                var draft = EntryDraft.Submit(session, request.Kind, speaker, text, actor.Email, now, request.GuestId, request.QuestionId, request.Prepared);
                await using (var transaction = await db.Database.BeginTransactionAsync())
                {
                    db.EntryDrafts.Add(draft);
                    await db.SaveChangesAsync();
                    audit.Add(db, actor, "entry.submit", $"interview/{interviewId}", $"draft/{draft.Id}");
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
                return new PublishOutcome(null, draft);
            }
            var entry = session.AppendEntry(request.Kind, speaker, text, now, request.GuestId, request.QuestionId, request.Prepared);
            db.Entries.Add(entry);
            MarkAnswered(session, request, question, now);
            audit.Add(db, actor, "entry.publish", $"interview/{interviewId}", $"seq {entry.Seq} {request.Kind.ToString().ToLowerInvariant()}");
            if (await TrySaveAsync(db, attempt))
            {
                // The next publisher's turn starts now: reading the view back takes no number.
                await turn.DisposeAsync();
                return new PublishOutcome(PublicCatalog.UnlinkedView(entry) ?? await ViewAsync(interviewId, entry.Seq), null);
            }
        }
    }

    /// <summary>
    /// Corrects a published entry (勘误): same seq, new wording, the old one kept; viewers get the new one. Where the
    /// session's two-key review covers the entry (a guest's words), the correction instead waits for the reviewer as a
    /// draft and the public keeps the reviewed wording until it is approved (<see cref="ApproveDraftAsync"/>).
    /// </summary>
    public async Task<PublishOutcome> CorrectAsync(StaffActor actor, int interviewId, int seq, string? markdown, string? note)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host);
        for (var attempt = 1; ; attempt++)
        {
            // A correction takes the session's next change number, as a publication takes the next seq: the same turn,
            // and the same retry when another writer took the number first.
            await using var db = await contexts.CreateDbContextAsync();
            await using var turn = await DatabaseLocks.SessionAppendTurnAsync(db, interviewId);
            var session = await LoadAsync(db, interviewId);
            var entry = await db.Entries.Include(e => e.Revisions).SingleOrDefaultAsync(e => e.InterviewId == interviewId && e.Seq == seq)
                ?? throw new NotFoundException(Text.SiteErrorCodes.EntryNotFound, seq);
            var now = clock.GetUtcNow();
            var text = entry.Kind == EntryKind.Question ? renderer.RenderPlain(markdown) : renderer.Render(markdown);
            if (session.CorrectionNeedsReview(entry))
            {
                return new PublishOutcome(null, await SubmitCorrectionAsync(db, actor, session, entry, text, note, now));
            }
            entry.Correct(text, note, now);
            session.RecordCorrection(entry, now);
            audit.Add(db, actor, "entry.correct", $"interview/{interviewId}", $"seq {seq}: {note}");
            if (await TrySaveAsync(db, attempt))
            {
                await turn.DisposeAsync();
                return new PublishOutcome(await ViewAsync(interviewId, seq), null);
            }
        }
    }

    /// <summary>Under two-key review a correction waits for the reviewer as a draft; the public keeps the reviewed wording.</summary>
    private async Task<EntryDraft> SubmitCorrectionAsync(
        InterviewDbContext db, StaffActor actor, InterviewSession session, TranscriptEntry entry, RenderedText text, string? note, DateTimeOffset now)
    {
        var seq = entry.Seq;
        var open = await db.EntryDrafts.SingleOrDefaultAsync(d => d.InterviewId == session.Id && d.CorrectsSeq == seq && d.Status != DraftStatus.Published);
        var draft = EntryDraft.SubmitCorrection(session, entry, open, text, note, actor.Email, now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (open is null)
        {
            db.EntryDrafts.Add(draft);
            await db.SaveChangesAsync();
        }
        audit.Add(db, actor, "entry.correct.submit", $"interview/{session.Id}", $"seq {seq} draft/{draft.Id}: {note}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return draft;
    }

    /// <summary>Stores a photo for 图文直播 (type checked by its bytes) for someone publishing in the session; audited.</summary>
    public async Task<string> SavePhotoAsync(StaffActor actor, int interviewId, Stream photo)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Typist, StaffRole.Host);
        var url = await images.SaveAsync(photo, "live");
        await audit.RecordAsync(actor, "entry.photo", $"interview/{interviewId}", AuditTrail.Ok, url);
        return url;
    }

    /// <summary>The host marks a question answered (e.g. answered in a remark rather than a typed answer).</summary>
    public async Task MarkAnsweredAsync(StaffActor actor, int interviewId, int questionId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        var session = await LoadAsync(db, interviewId);
        var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId && q.InterviewId == interviewId)
            ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotInSession);
        question.MarkAnswered(later: session.Status != InterviewStatus.Live, clock.GetUtcNow());
        audit.Add(db, actor, "question.answered", $"question/{questionId}", $"interview/{interviewId}");
        await db.SaveChangesAsync();
    }

    /// <summary>Drafts waiting for the reviewer or sent back; the host sees them too, for their corrections.</summary>
    public async Task<IReadOnlyList<EntryDraft>> DraftsAsync(StaffActor actor, int interviewId)
    {
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Reviewer, StaffRole.Typist, StaffRole.Host);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.EntryDrafts.AsNoTracking().Where(d => d.InterviewId == interviewId && d.Status != DraftStatus.Published)
            .OrderBy(d => d.SubmittedAt).ToListAsync();
    }

    /// <summary>
    /// The reviewer publishes a draft as the next entry, credited to them; a correction draft corrects its entry instead
    /// (same seq, the earlier wording kept in the trail).
    /// </summary>
    public async Task<EntryView> ApproveDraftAsync(StaffActor actor, int draftId)
    {
        var interviewId = await DraftSessionAsync(draftId);
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Reviewer);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var turn = await DatabaseLocks.SessionAppendTurnAsync(db, interviewId);
            var session = await LoadAsync(db, interviewId);
            var draft = await db.EntryDrafts.SingleAsync(d => d.Id == draftId);
            var now = clock.GetUtcNow();
            // The public sees the reviewer's name (as the account shows it), the audit log the account.
            var reviewer = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.DisplayName).SingleOrDefaultAsync();
            reviewer = string.IsNullOrWhiteSpace(reviewer) ? actor.Email : reviewer;
            if (draft.CorrectsSeq is { } seq)
            {
                var corrected = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.InterviewId == interviewId && e.Seq == seq);
                draft.ApproveCorrection(corrected, reviewer, now);
                session.RecordCorrection(corrected, now);
                audit.Add(db, actor, "entry.review.approve", $"interview/{interviewId}", $"draft/{draftId} -> seq {seq} (correction by {draft.Author})");
                audit.Add(db, actor, "entry.correct", $"interview/{interviewId}", $"seq {seq}: {draft.CorrectionNote} (draft/{draftId}, reviewed)");
                if (await TrySaveAsync(db, attempt))
                {
                    return (await ViewAsync(interviewId, seq))!;
                }
                continue;
            }
            var entry = draft.Approve(session, reviewer, now);
            db.Entries.Add(entry);
            var question = draft.QuestionId is { } qid ? await db.Questions.SingleOrDefaultAsync(q => q.Id == qid) : null;
            MarkAnswered(session, new EntryRequest(draft.Kind, null, draft.GuestId, draft.QuestionId), question, now);
            audit.Add(db, actor, "entry.review.approve", $"interview/{interviewId}", $"draft/{draftId} -> seq {entry.Seq}");
            if (await TrySaveAsync(db, attempt))
            {
                return (await ViewAsync(interviewId, entry.Seq))!;
            }
        }
    }

    public async Task SendBackDraftAsync(StaffActor actor, int draftId, string? comment)
    {
        var interviewId = await DraftSessionAsync(draftId);
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Reviewer);
        await using var db = await contexts.CreateDbContextAsync();
        var draft = await db.EntryDrafts.SingleAsync(d => d.Id == draftId);
        draft.SendBack(actor.Email, comment ?? "", clock.GetUtcNow());
        var what = draft.CorrectsSeq is { } seq ? $"draft/{draftId} (correction of seq {seq})" : $"draft/{draftId}";
        audit.Add(db, actor, "entry.review.send-back", $"interview/{interviewId}", $"{what}: {comment}");
        await db.SaveChangesAsync();
    }

    /// <summary>The typist revises a sent-back draft; it waits for the reviewer again.</summary>
    public async Task ReviseDraftAsync(StaffActor actor, int draftId, string? markdown)
    {
        var interviewId = await DraftSessionAsync(draftId);
        await permissions.EnsureForSessionAsync(actor, interviewId, StaffRole.Typist);
        await using var db = await contexts.CreateDbContextAsync();
        var draft = await db.EntryDrafts.SingleAsync(d => d.Id == draftId);
        draft.Revise(renderer.Render(markdown), clock.GetUtcNow());
        audit.Add(db, actor, "entry.revise", $"interview/{interviewId}", $"draft/{draftId}");
        await db.SaveChangesAsync();
    }

    /// <summary>Who may publish an entry of this kind: guests' answers are the typist's, the rest the host's.</summary>
    public static StaffRole RoleFor(EntryKind kind) => kind is EntryKind.Guest or EntryKind.FollowUp ? StaffRole.Typist : StaffRole.Host;

    private async Task<(string? Speaker, RenderedText Text, Question? Question)> ContentAsync(
        InterviewDbContext db, InterviewSession session, EntryRequest request)
    {
        Question? question = null;
        if (request.QuestionId is { } questionId)
        {
            question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId && q.InterviewId == session.Id)
                ?? throw new NotFoundException(Text.SiteErrorCodes.QuestionNotInSession);
            if (!question.IsPublic)
            {
                // 先审后发: a question reaches the transcript only once a moderator approved it.
                throw new DomainException(Text.SiteErrorCodes.QuestionNotApproved);
            }
        }
        switch (request.Kind)
        {
            case EntryKind.Question:
                var asked = question ?? throw new DomainException(Text.SiteErrorCodes.QuestionToPutRequired);
                return (asked.Nickname, renderer.RenderPlain(asked.Text), asked);
            case EntryKind.Guest or EntryKind.FollowUp:
                var guest = session.Guests.SingleOrDefault(g => g.Id == request.GuestId);
                if (request.Kind == EntryKind.Guest && guest is null)
                {
                    throw new DomainException(Text.SiteErrorCodes.AnsweringGuestRequired);
                }
                return (guest?.Name ?? "", renderer.Render(request.Markdown), question);
            default:
                return ("", renderer.Render(request.Markdown), question);
        }
    }

    /// <summary>A guest's answer to a question marks it answered: live during the session, later (会后答复) after.</summary>
    private static void MarkAnswered(InterviewSession session, EntryRequest request, Question? question, DateTimeOffset now)
    {
        if (question is { Status: QuestionStatus.Approved } && request.Kind is EntryKind.Guest or EntryKind.FollowUp)
        {
            question.MarkAnswered(later: session.Status != InterviewStatus.Live, now);
        }
    }

    /// <summary>The entry as the public sees it (the save has announced it already).</summary>
    private async Task<EntryView?> ViewAsync(int interviewId, int seq) =>
        (await catalog.EntriesAsync(interviewId, seq - 1, pass: Pass.Site))?.FirstOrDefault(e => e.Seq == seq);

    /// <summary>Saves; a lost race for the next seq (concurrency token or unique index) means: reload and retry.</summary>
    private async Task<bool> TrySaveAsync(InterviewDbContext db, int attempt)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException) when (attempt < Attempts)
        {
            await Task.Delay(Random.Shared.Next(1, 5 * attempt));
            return false;
        }
    }

    private async Task<int> DraftSessionAsync(int draftId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.EntryDrafts.Where(d => d.Id == draftId).Select(d => (int?)d.InterviewId).SingleOrDefaultAsync()
            ?? throw new NotFoundException(Text.SiteErrorCodes.DraftNotFound);
    }

    private static async Task<InterviewSession> LoadAsync(InterviewDbContext db, int id) =>
        await db.Interviews.SingleOrDefaultAsync(i => i.Id == id) ?? throw new NotFoundException(Text.SiteErrorCodes.InterviewNotFound, id);
}
