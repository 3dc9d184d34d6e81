using Interview.Domain.Staff;

namespace Interview.Domain.Interviews;

/// <summary>
/// One interview session (访谈) under a column: its topic, schedule, guests and lifecycle. Every change of state goes
/// through <see cref="TransitionTo"/>, which refuses any move the lifecycle does not allow.
/// </summary>
public sealed class InterviewSession : Entity
{
    public const int MaxTitleLength = 100;
    public const int MaxSummaryLength = 10_000;
    public const int MaxReviewUnitLength = 50;

    private static readonly Dictionary<InterviewStatus, InterviewStatus[]> LegalMoves = new()
    {
        [InterviewStatus.Draft] = [InterviewStatus.Scheduled, InterviewStatus.Cancelled],
        [InterviewStatus.Scheduled] = [InterviewStatus.Live, InterviewStatus.Cancelled],
        [InterviewStatus.Live] = [InterviewStatus.Ended],
        [InterviewStatus.Ended] = [InterviewStatus.Published],
        [InterviewStatus.Published] = [],
        [InterviewStatus.Cancelled] = [],
    };

    private readonly List<Guest> _guests = [];
    private readonly List<Assignment> _assignments = [];

    private InterviewSession()
    {
    }

    public int Id { get; private set; }
    public int ColumnId { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The background (访谈背景) the preview and the live page show, as Markdown with its rendering.</summary>
    public string BackgroundMarkdown { get; private set; } = "";
    public string BackgroundHtml { get; private set; } = "";
    /// <summary>The summary (访谈摘要) of what was said, written or edited after the session; the archive shows it.</summary>
    public string SummaryMarkdown { get; private set; } = "";
    public string SummaryHtml { get; private set; } = "";
    public DateTimeOffset ScheduledStart { get; private set; }
    public DateTimeOffset ScheduledEnd { get; private set; }
    public InterviewStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>The last change anyone could see: state, schedule, guests, entries. Feeds the sitemap.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    /// <summary>The <see cref="TranscriptEntry.Seq"/> of the newest entry; 0 before the first.</summary>
    public int LastSeq { get; private set; }
    /// <summary>
    /// The session's change counter (the public stream's cursor): every entry published or corrected takes the next
    /// number in the transaction that saves it, so "every change after N" is exact and gap-free, like seq.
    /// </summary>
    public int LastChange { get; private set; }
    /// <summary>Two-key review (政策关): guests' answers wait for a reviewer of the guest's unit before publication.</summary>
    public bool RequiresReview { get; private set; }
    /// <summary>
    /// The reviewing unit (审核单位) the public sees on reviewed answers instead of a reviewer's personal name; empty:
    /// a plain "reviewed".
    /// </summary>
    public string ReviewUnit { get; private set; } = "";
    /// <summary>
    /// The real session this one rehearses (彩排), or null for a real session. A rehearsal is never public: only its
    /// private link (<see cref="RehearsalToken"/>) shows it as the public would see it.
    /// </summary>
    public int? RehearsalOf { get; private set; }
    /// <summary>The private link's token of a rehearsal (random, made by the site); null for a real session.</summary>
    public string? RehearsalToken { get; private set; }
    public bool IsRehearsal => RehearsalOf is not null;

    /// <summary>Whether a rehearsal of this session can be made now: a real session still to come, with a guest.</summary>
    public bool CanRehearse => !IsRehearsal && Status is InterviewStatus.Draft or InterviewStatus.Scheduled && _guests.Count > 0;
    public IReadOnlyList<Guest> Guests => _guests;
    public IReadOnlyList<Assignment> Assignments => _assignments;

    /// <summary>A new draft; it is described by its background, the summary comes after the session.</summary>
    public static InterviewSession Create(
        int columnId, string title, RenderedText? background, DateTimeOffset scheduledStart, DateTimeOffset scheduledEnd,
        DateTimeOffset now)
    {
        var session = new InterviewSession
        {
            ColumnId = columnId,
            Status = InterviewStatus.Draft,
            CreatedAt = now,
        };
        session.Describe(title, background ?? RenderedText.Empty, RenderedText.Empty, now);
        session.Reschedule(scheduledStart, scheduledEnd, now);
        return session;
    }

    /// <summary>
    /// A private copy for the team's rehearsal (彩排) the day before: title, background, times, column, guests (their
    /// photos through <paramref name="copyPhoto"/>, so the rehearsal owns its own files), staff assignments and review
    /// setting. It starts scheduled, so staff take it live and end it with the real consoles. A rehearsal is not
    /// rehearsed again, and only a session still to come is rehearsed.
    /// </summary>
    public InterviewSession Rehearse(string token, Func<string?, string?> copyPhoto, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(copyPhoto);
        if (IsRehearsal)
        {
            throw new DomainException(ErrorCodes.RehearsalOfRehearsal);
        }
        if (Status is not (InterviewStatus.Draft or InterviewStatus.Scheduled))
        {
            throw new DomainException(ErrorCodes.RehearsalClosed, new SessionState(Status));
        }
        if (_guests.Count == 0)
        {
            throw new DomainException(ErrorCodes.GuestRequiredToSchedule);
        }
        var copy = new InterviewSession
        {
            ColumnId = ColumnId,
            Status = InterviewStatus.Scheduled,
            CreatedAt = now,
            RehearsalOf = Id,
            RehearsalToken = token,
            ScheduledStart = ScheduledStart,
            ScheduledEnd = ScheduledEnd,
            RequiresReview = RequiresReview,
            ReviewUnit = ReviewUnit,
        };
        copy.Describe(Title, new RenderedText(BackgroundMarkdown, BackgroundHtml, ""), RenderedText.Empty, now);
        foreach (var guest in _guests.OrderBy(g => g.SortOrder))
        {
            var added = copy.AddGuest(guest.Name, guest.Position, guest.Organization, guest.Bio, now);
            added.SetPhoto(copyPhoto(guest.PhotoUrl));
        }
        foreach (var assignment in _assignments)
        {
            copy.Assign(assignment.StaffId, assignment.Role);
        }
        return copy;
    }

    /// <summary>Whether this session may be deleted: only a rehearsal is (wiped); a real session is the record.</summary>
    public void EnsureDeletable()
    {
        if (!IsRehearsal)
        {
            throw new DomainException(ErrorCodes.OnlyRehearsalDeleted);
        }
    }

    public static IReadOnlyList<InterviewStatus> LegalMovesFrom(InterviewStatus status) => LegalMoves[status];

    public bool CanTransitionTo(InterviewStatus to) => LegalMoves[Status].Contains(to);

    public IReadOnlyList<InterviewStatus> NextStates => LegalMoves[Status];

    /// <summary>
    /// Sets the title, background and summary. No state closes them: the summary is written after the session and
    /// corrected after publication, and the title and background stay editable like it (the archive is the record of
    /// what was said, not of these texts).
    /// </summary>
    public void Describe(string title, RenderedText background, RenderedText summary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(summary);
        Title = Guard.Text(title, ErrorCodes.FieldInterviewTitle, MaxTitleLength);
        Guard.OptionalText(background.Markdown, ErrorCodes.FieldInterviewBackground, MaxSummaryLength);
        Guard.OptionalText(summary.Markdown, ErrorCodes.FieldInterviewSummary, MaxSummaryLength);
        BackgroundMarkdown = background.Markdown;
        BackgroundHtml = background.Html;
        SummaryMarkdown = summary.Markdown;
        SummaryHtml = summary.Html;
        UpdatedAt = now;
    }

    /// <summary>Names the reviewing unit (审核单位) shown on reviewed answers, or clears it (a plain "reviewed").</summary>
    public void NameReviewUnit(string? unit, DateTimeOffset now)
    {
        var clean = Guard.OptionalText(unit, ErrorCodes.FieldReviewUnit, MaxReviewUnitLength).Trim();
        if (clean != ReviewUnit)
        {
            ReviewUnit = clean;
            UpdatedAt = now;
        }
    }

    public void Reschedule(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        if (!Status.CanReschedule())
        {
            throw new DomainException(ErrorCodes.TimesClosed, new SessionState(Status));
        }
        if (end <= start)
        {
            throw new DomainException(ErrorCodes.EndBeforeStart);
        }
        ScheduledStart = start;
        ScheduledEnd = end;
        UpdatedAt = now;
    }

    public void MoveToColumn(int columnId, DateTimeOffset now)
    {
        ColumnId = columnId;
        UpdatedAt = now;
    }

    public Guest AddGuest(string name, string? position, string? organization, string? bio, DateTimeOffset now)
    {
        if (Status is InterviewStatus.Published or InterviewStatus.Cancelled)
        {
            throw new DomainException(ErrorCodes.GuestsClosed, new SessionState(Status));
        }
        var guest = Guest.Create(name, position, organization, bio, _guests.Count);
        _guests.Add(guest);
        UpdatedAt = now;
        return guest;
    }

    public void RemoveGuest(int guestId, DateTimeOffset now)
    {
        if (Status is not (InterviewStatus.Draft or InterviewStatus.Scheduled))
        {
            throw new DomainException(ErrorCodes.GuestRemovalClosed, new SessionState(Status));
        }
        var guest = _guests.SingleOrDefault(g => g.Id == guestId) ?? throw new DomainException(ErrorCodes.GuestNotInSession);
        if (Status == InterviewStatus.Scheduled && _guests.Count == 1)
        {
            throw new DomainException(ErrorCodes.LastGuestOfScheduled);
        }
        _guests.Remove(guest);
        UpdatedAt = now;
    }

    /// <summary>Assigns a staff member to this session as host, typist or reviewer; assigning twice changes nothing.</summary>
    public void Assign(string staffId, StaffRole role)
    {
        if (!IsAssigned(staffId, role))
        {
            _assignments.Add(Assignment.Create(staffId, role));
        }
    }

    public void Unassign(string staffId, StaffRole role) =>
        _assignments.RemoveAll(a => a.StaffId == staffId && a.Role == role);

    public bool IsAssigned(string staffId, StaffRole role) =>
        _assignments.Any(a => a.StaffId == staffId && a.Role == role);

    /// <summary>Moves the session to <paramref name="to"/>, or throws if the lifecycle does not allow that move.</summary>
    public void TransitionTo(InterviewStatus to, DateTimeOffset now)
    {
        if (!CanTransitionTo(to))
        {
            throw new IllegalTransitionException(Status, to);
        }
        if (to == InterviewStatus.Scheduled && _guests.Count == 0)
        {
            throw new DomainException(ErrorCodes.GuestRequiredToSchedule);
        }
        var from = Status;
        Status = to;
        UpdatedAt = now;
        AddDomainEvent(new SessionStatusChanged(this, from, to));
        switch (to)
        {
            case InterviewStatus.Live:
                StartedAt = now;
                break;
            case InterviewStatus.Ended:
                EndedAt = now;
                break;
            case InterviewStatus.Published:
                PublishedAt = now;
                break;
        }
    }

    /// <summary>
    /// Publishes the next entry of the transcript: it takes the next <see cref="TranscriptEntry.Seq"/>. Entries are
    /// published while the session is live; afterwards only follow-up answers (会后答复) are appended.
    /// </summary>
    public TranscriptEntry AppendEntry(
        EntryKind kind, string? speaker, RenderedText text, DateTimeOffset now, int? guestId = null,
        int? questionId = null, bool prepared = false, string? reviewedBy = null)
    {
        var allowed = kind == EntryKind.FollowUp
            ? Status.TakesFollowUps()
            : Status == InterviewStatus.Live;
        if (!allowed)
        {
            throw kind == EntryKind.FollowUp
                ? new DomainException(ErrorCodes.FollowUpOnlyAfterEnd)
                : new DomainException(ErrorCodes.LiveEntriesClosed, Status);
        }
        if (guestId is { } id && _guests.All(g => g.Id != id))
        {
            throw new DomainException(ErrorCodes.GuestNotInSession);
        }
        var entry = TranscriptEntry.Create(Id, LastSeq + 1, kind, speaker, text, now, guestId, questionId, prepared, reviewedBy);
        LastSeq = entry.Seq;
        entry.Stamp(++LastChange);
        UpdatedAt = now;
        AddDomainEvent(new EntryAppended(entry));
        return entry;
    }

    /// <summary>Switches two-key review on or off; only before the session has ended.</summary>
    public void RequireReview(bool required, DateTimeOffset now)
    {
        if (Status is InterviewStatus.Published or InterviewStatus.Cancelled)
        {
            throw new DomainException(ErrorCodes.ModerationSettingsClosed, new SessionState(Status));
        }
        RequiresReview = required;
        UpdatedAt = now;
        AddDomainEvent(new ReviewSwitched(this));
    }

    /// <summary>Whether an entry of this kind waits for a reviewer here: guests' words, live or afterwards.</summary>
    public bool NeedsReview(EntryKind kind) => RequiresReview && kind is EntryKind.Guest or EntryKind.FollowUp;

    /// <summary>
    /// Whether a correction of <paramref name="entry"/> waits for a reviewer: a guest's words under two-key review are
    /// changed only by what a reviewer approved, just as they were published (a host's 更正 cannot bypass the second key).
    /// </summary>
    public bool CorrectionNeedsReview(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.InterviewId == Id && NeedsReview(entry.Kind);
    }

    /// <summary>Records that something shown of this session changed (a guest's details), so that outputs show the change.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>
    /// Records that an entry of this session was corrected (勘误): outputs show the change, and the entry takes the next
    /// change number, so a viewer who was away when it happened is sent the new wording when it resumes.
    /// </summary>
    public void RecordCorrection(TranscriptEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.InterviewId != Id)
        {
            throw new ArgumentException("The entry belongs to another session.", nameof(entry));
        }
        entry.Stamp(++LastChange);
        UpdatedAt = now;
    }
}

public sealed class IllegalTransitionException(InterviewStatus from, InterviewStatus to)
    : DomainException(ErrorCodes.IllegalTransition, from, to)
{
    public InterviewStatus From { get; } = from;
    public InterviewStatus To { get; } = to;
}
